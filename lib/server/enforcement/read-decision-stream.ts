import "server-only";
import { poolOf, type TDb } from "@/lib/db/client";
import { pgRawSql, type TRawSql } from "@/lib/db/raw-sql";
import { passesFilter, type TDecisionFilter } from "./decision-filter";
import { isActiveAt, isPerimeter, readPerimeterByIds, readPerimeterInForce, type TPerimeterContainment } from "./perimeter";
import { readEnforcementChanges, readHorizon } from "./read-enforcement-changes";
import { recordPull } from "./record-pull";
import { toCrowdSecDecision, type TCrowdSecDecision } from "./to-crowdsec-decision";

// GET /v1/decisions/stream for one bouncer key. The key's cursor lives on its
// EnforcementPoint; a pull answers what changed in [cursor, horizon) and moves the cursor
// to the horizon (read-enforcement-changes.ts says why nothing is skipped).
//
// Bouncers key their sets on the decision's value, so the answer is reconciled with the
// current state per value: `new` holds only containments still in force, and a value
// still covered by another active containment is never sent as deleted (that one is
// sent again in `new` instead, so a bouncer that let the first timeout lapse re-adds it).
// Because of that, delivering a change twice is harmless: the answer never depends on
// having seen the previous one.

export type TDecisionStream = { new: TCrowdSecDecision[]; deleted: TCrowdSecDecision[]; cursor: bigint };

export type TReadDecisionStreamOptions = {
  tokenId: string;
  startup: boolean;
  filter: TDecisionFilter;
  now?: Date;
};

/** Smallest time left for a decision to go out in `new`: "0s" would read as "no timeout" to some bouncers. */
const MIN_REMAINING_MS = 1000;

type TCandidate = { decision: TCrowdSecDecision; until: number };

function active(c: TPerimeterContainment, filter: TDecisionFilter, now: Date): TCandidate | null {
  if (!isPerimeter(c) || !isActiveAt(c, now) || c.expiresAt.getTime() - now.getTime() < MIN_REMAINING_MS) return null;
  const decision = toCrowdSecDecision(c, { until: c.expiresAt, now });
  return decision && passesFilter(decision, filter) ? { decision, until: c.expiresAt.getTime() } : null;
}

/** One decision per value, the longest (CrowdSec's LAPI deduplicates the same way). */
function longestPerValue(candidates: Iterable<TCandidate>): Map<string, TCandidate> {
  const out = new Map<string, TCandidate>();
  for (const c of candidates) {
    const seen = out.get(c.decision.value);
    if (!seen || c.until > seen.until) out.set(c.decision.value, c);
  }
  return out;
}

function sorted(byValue: Map<string, TCandidate>): TCrowdSecDecision[] {
  return [...byValue.values()].map((c) => c.decision).sort((a, b) => a.id - b.id);
}

async function fullState(sql: TRawSql, filter: TDecisionFilter, now: Date) {
  // The horizon first: a containment activated by a transaction still open now is not in
  // this read, and its ADDED change (txid >= horizon) comes in the next delta.
  const horizon = await readHorizon(sql);
  const rows = await readPerimeterInForce(sql, now);
  const found = rows.map((c) => active(c, filter, now)).filter((c): c is TCandidate => c !== null);
  return { horizon, new: sorted(longestPerValue(found)), deleted: [] };
}

async function delta(sql: TRawSql, cursor: bigint, filter: TDecisionFilter, now: Date) {
  const { horizon, changes } = await readEnforcementChanges(sql, { cursor });
  if (changes.length === 0) return { horizon, new: [], deleted: [] };

  const removedAt = new Map<string, Date>();
  for (const ch of changes) if (ch.kind === "REMOVED") removedAt.set(ch.containmentId, ch.createdAt);
  const ids = [...new Set(changes.map((ch) => ch.containmentId))];
  const rows = await readPerimeterByIds(sql, ids);

  // Added and removed within one delta: only the removal goes out.
  const added = rows.filter((c) => !removedAt.has(c.id)).map((c) => active(c, filter, now));
  const fresh = longestPerValue(added.filter((c): c is TCandidate => c !== null));

  const ended = new Map<string, TCandidate>();
  for (const c of rows) {
    const at = removedAt.get(c.id);
    if (!at || !isPerimeter(c)) continue;
    const until = c.endedAt ?? (c.expiresAt < at ? c.expiresAt : at);
    const decision = toCrowdSecDecision(c, { until, now, ended: true });
    if (!decision || !passesFilter(decision, filter)) continue;
    const seen = ended.get(decision.value);
    if (!seen || until.getTime() > seen.until) ended.set(decision.value, { decision, until: until.getTime() });
  }

  // A removed value another active containment still covers stays blocked.
  if (ended.size > 0) {
    const removedValues = [...new Set(rows.filter((c) => removedAt.has(c.id)).map((c) => c.targetValue))];
    const stillActive = await readPerimeterInForce(sql, now, { where: `"targetValue" = ANY($2::text[])`, values: [removedValues] });
    const covering = longestPerValue(stillActive.map((c) => active(c, filter, now)).filter((c): c is TCandidate => c !== null));
    for (const [value, candidate] of covering) {
      if (!ended.delete(value)) continue;
      const seen = fresh.get(value);
      if (!seen || candidate.until > seen.until) fresh.set(value, candidate);
    }
  }
  for (const value of fresh.keys()) ended.delete(value);
  return { horizon, new: sorted(fresh), deleted: sorted(ended) };
}

export async function readDecisionStream(client: TDb, options: TReadDecisionStreamOptions): Promise<TDecisionStream> {
  const now = options.now ?? new Date();
  const sql = pgRawSql(poolOf(client));
  const [point] = await sql.$queryRaw<{ cursor: bigint | null }[]>`SELECT "cursor" FROM "EnforcementPoint" WHERE "tokenId" = ${options.tokenId}`;
  const cursor = point?.cursor ?? null;
  const answer = options.startup || cursor === null ? await fullState(sql, options.filter, now) : await delta(sql, cursor, options.filter, now);
  await recordPull(sql, { tokenId: options.tokenId, now, cursor: answer.horizon });
  return { new: answer.new, deleted: answer.deleted, cursor: answer.horizon };
}
