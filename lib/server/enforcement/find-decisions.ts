import "server-only";
import type { TRawSql } from "@/lib/db/raw-sql";
import { formatIpRange, parseCidr, parseIpAddress, rangeContains, type TIpRange } from "@/lib/domain/ip-range";
import { compileSelector } from "@/lib/domain/selectors";
import type { TParseResult } from "@/lib/domain/result";
import { parseDecisionFilter, passesFilter, type TDecisionFilter } from "./decision-filter";
import { readPerimeterInForce } from "./perimeter";
import { toCrowdSecDecision, type TCrowdSecDecision } from "./to-crowdsec-decision";

// GET /v1/decisions: "is this address (or range) banned?", as live-mode bouncers ask it
// per request. Like CrowdSec, `contains` (default true) finds decisions that contain the
// value — an address inside a banned range matches, IPv4 and IPv6 alike — and
// contains=false finds decisions that lie inside the given range.

export type TDecisionQuery = {
  /** The address or range asked about; null: every active decision. */
  target: TIpRange | null;
  contains: boolean;
  /** False when the request names a scope or type Reflex never issues (then nothing matches). */
  possible: boolean;
  filter: TDecisionFilter;
};

// CrowdSec reads `ip` and `range` alike as "an address or a range": so do we.
function parseTarget(text: string): TParseResult<TIpRange> {
  return text.includes("/") ? parseCidr(text) : parseIpAddress(text);
}

export function parseDecisionQuery(params: URLSearchParams): TParseResult<TDecisionQuery> {
  const scope = params.get("scope")?.trim().toLowerCase() || null;
  const type = params.get("type")?.trim().toLowerCase() || null;
  const possible = (scope === null || scope === "ip" || scope === "range") && (type === null || type === "ban");
  const ip = params.get("ip") ?? (scope === "ip" ? params.get("value") : null);
  const range = params.get("range") ?? (scope === "range" ? params.get("value") : null);
  const text = (ip ?? range)?.trim() || null;
  const filter = parseDecisionFilter(params);
  const contains = params.get("contains")?.toLowerCase() !== "false";
  if (text === null) return { ok: true, value: { target: null, contains, possible, filter } };
  const target = parseTarget(text);
  return target.ok ? { ok: true, value: { target: target.value, contains, possible, filter } } : target;
}

/** Only ranges can contain a range; an address is contained by itself or a range (index lookups, not a scan). */
function candidates(sql: TRawSql, query: TDecisionQuery, now: Date) {
  if (!query.target || !query.contains) return readPerimeterInForce(sql, now);
  if (query.target.prefix < 128) return readPerimeterInForce(sql, now, { where: `"targetKind" = 'cidr'`, values: [] });
  return readPerimeterInForce(sql, now, {
    where: `"targetKind" = 'cidr' OR ("targetKind" = 'ip' AND "targetValue" = $2)`,
    values: [formatIpRange(query.target, false)],
  });
}

export async function findDecisions(
  sql: TRawSql,
  options: { query: TDecisionQuery; now?: Date },
): Promise<TCrowdSecDecision[]> {
  const { query } = options;
  const now = options.now ?? new Date();
  if (!query.possible) return [];
  const rows = await candidates(sql, query, now);
  const out: TCrowdSecDecision[] = [];
  for (const row of rows) {
    const compiled = compileSelector(row.targetKind, row.targetValue);
    if (!compiled.ok || (compiled.value.kind !== "ip" && compiled.value.kind !== "cidr")) continue;
    const range = compiled.value.range;
    if (query.target && !(query.contains ? rangeContains(range, query.target) : rangeContains(query.target, range))) continue;
    const decision = toCrowdSecDecision(row, { until: row.expiresAt, now });
    if (decision && passesFilter(decision, query.filter)) out.push(decision);
  }
  return out.sort((a, b) => a.id - b.id);
}
