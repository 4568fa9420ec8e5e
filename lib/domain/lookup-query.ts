// What a bridge-call lookup asks about: one typed-in value read as the entities it can
// be (an address, a range, or a name that may be a host, an account or an application),
// and a time window. Matching uses the protected list's selector logic, so an address
// finds the range containing it and a range finds the addresses inside it; a wildcard host
// ("*.pay.corp.example") finds the hosts under it and the wildcards that cover it.
import type { TParseResult } from "./result";
import { compileSelector, compiledMatches, formatCompiled, type TCompiledSelector } from "./selectors";
import { ENTITY_KINDS, type TEntityKind } from "./types";

export type TLookupTarget = { kind: TEntityKind; value: string; compiled: TCompiledSelector };

export const LOOKUP_KINDS = ["any", ...ENTITY_KINDS] as const;
export type TLookupKind = (typeof LOOKUP_KINDS)[number];

const MAX_TEXT = 256;

function target(kind: TEntityKind, text: string): TParseResult<TLookupTarget> {
  const compiled = compileSelector(kind, text);
  if (!compiled.ok) return compiled;
  const { value } = formatCompiled(compiled.value);
  return { ok: true, value: { kind, value, compiled: compiled.value } };
}

/** Text that someone meant as an address or a range: digits and dots, or a colon, or a slash. */
function looksLikeAddress(text: string): boolean {
  return text.includes("/") || /^[\d.]+$/.test(text) || (text.includes(":") && !/[\\@\s]/.test(text));
}

/**
 * The entities a lookup searches for. With `kind` "any", an address-like value must be a
 * valid address or range (a typo gets the reason, not an empty answer); anything else is
 * tried as a host, an account and an application, and each reading that is valid is searched.
 */
export function parseLookupEntity(input: string, kind: TLookupKind = "any"): TParseResult<TLookupTarget[]> {
  const text = input.trim();
  if (text === "") return { ok: false, error: "Enter an IP address, a CIDR range, a host name, an account or an application name." };
  if (text.length > MAX_TEXT) return { ok: false, error: `The value is longer than ${MAX_TEXT} characters.` };
  if (kind !== "any") {
    const one = target(kind, text);
    return one.ok ? { ok: true, value: [one.value] } : one;
  }
  if (looksLikeAddress(text)) {
    const one = target(text.includes("/") ? "cidr" : "ip", text);
    return one.ok ? { ok: true, value: [one.value] } : one;
  }
  if (text.startsWith("*.")) {
    const host = target("host", text);
    return host.ok ? { ok: true, value: [host.value] } : host;
  }
  const readings = (["host", "account", "app"] as const).map((k) => target(k, text));
  const valid = readings.flatMap((r) => (r.ok ? [r.value] : []));
  if (valid.length > 0) return { ok: true, value: valid };
  const first = readings.find((r) => !r.ok);
  return { ok: false, error: first && !first.ok ? first.error : `"${text}" is not an IP, CIDR, host, account or application name.` };
}

/** The one matching rule: does this stored entity touch what the lookup asks about? */
export function lookupMatches(targets: readonly TLookupTarget[], entity: { kind: string; value: string }): boolean {
  const compiled = compileSelector(entity.kind, entity.value);
  return compiled.ok && targets.some((t) => compiledMatches(t.compiled, compiled.value));
}

export function describeTargets(targets: readonly TLookupTarget[]): string {
  if (targets.length === 1) return `${targets[0]!.kind} ${targets[0]!.value}`;
  return `${targets[0]?.value ?? ""} (as ${targets.map((t) => t.kind).join(", ")})`;
}

// ISO 8601 date or date-time; a time without a zone is UTC (what the console shows).
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

export function parseInstant(input: string, field: string): TParseResult<Date> {
  const text = input.trim();
  const m = INSTANT.exec(text);
  if (!m) return { ok: false, error: `${field}: "${input}" is not a date and time: write ISO 8601, e.g. 2026-05-31T14:00Z (a time without a zone is UTC)` };
  const [, y = "", mo = "", d = "", h = "00", mi = "00", s = "00", fraction = "", zone = "Z"] = m;
  // Checked field by field: new Date() would roll 2026-02-31 over to March 3rd.
  const days = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  if (Number(y) < 1990 || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > days || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return { ok: false, error: `${field}: "${input}" is not a real date and time` };
  }
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction.slice(0, 4)}${zone.toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, "$1:$2")}`);
  if (Number.isNaN(date.getTime())) return { ok: false, error: `${field}: "${input}" has a time zone offset that is not valid` };
  return { ok: true, value: date };
}

export const DEFAULT_WINDOW_HOURS = 24;
export const MAX_WINDOW_DAYS = 400;

/** from/to as typed (either may be empty): default the last 24 h up to `now`. */
export function parseTimeWindow(input: { from?: string | null; to?: string | null }, now: Date, defaultHours = DEFAULT_WINDOW_HOURS): TParseResult<{ from: Date; to: Date }> {
  let to = now;
  if (input.to?.trim()) {
    const parsed = parseInstant(input.to, "to");
    if (!parsed.ok) return parsed;
    to = parsed.value;
  }
  let from = new Date(to.getTime() - defaultHours * 3_600_000);
  if (input.from?.trim()) {
    const parsed = parseInstant(input.from, "from");
    if (!parsed.ok) return parsed;
    from = parsed.value;
  }
  if (from.getTime() >= to.getTime()) return { ok: false, error: `from (${from.toISOString()}) must be before to (${to.toISOString()})` };
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
    return { ok: false, error: `The window is longer than ${MAX_WINDOW_DAYS} days: narrow from/to, or page through the audit feed instead` };
  }
  return { ok: true, value: { from, to } };
}
