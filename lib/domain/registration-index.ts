// Finds the registrations covering an entity without scanning them all, so a lookup stays
// cheap with 100,000 registrations. It must answer exactly what a plain filter over
// selectorMatches answers (a property test holds it to that), in the input order.
import type { TEntityKind, TRegistration } from "./types";
import { compileSelector, compiledMatches, type TCompiledSelector } from "./selectors";
import { bytesToHex, maskBytes, rangeBoundsHex, type TIpRange } from "./ip-range";
import { parentDomains } from "./host-pattern";

type TEntry = { reg: TRegistration; order: number };
type TRangeEntry = { start: string; prefix: number; entry: TEntry };

export type TRegistrationIndex = {
  /** Active registrations (expiresAt null or after `now`) whose selector matches, in input order. */
  match(entity: { kind: TEntityKind; value: string }, now: Date): TRegistration[];
};

/** A registration protects until its expiry; expiresAt <= now means it has lapsed. */
export function isRegistrationActive(reg: TRegistration, now: Date): boolean {
  return reg.expiresAt === null || reg.expiresAt.getTime() > now.getTime();
}

function push<K>(map: Map<K, TEntry[]>, key: K, entry: TEntry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function lowerBound(ranges: TRangeEntry[], start: string): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ranges[mid]?.start ?? "") < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function buildRegistrationIndex(regs: readonly TRegistration[]): TRegistrationIndex {
  // IP space: one exact map per prefix length (a /128 is a single address) for the ranges
  // that contain the entity, plus the ranges sorted by start for those inside it.
  const byPrefix = new Map<number, Map<string, TEntry[]>>();
  const sortedRanges: TRangeEntry[] = [];
  const exactHosts = new Map<string, TEntry[]>();
  const wildcardHosts = new Map<string, TEntry[]>();
  const allHosts: { compiled: TCompiledSelector; entry: TEntry }[] = [];
  const exactValues = { account: new Map<string, TEntry[]>(), app: new Map<string, TEntry[]>() };

  regs.forEach((reg, order) => {
    const compiled = compileSelector(reg.selector.kind, reg.selector.value);
    if (!compiled.ok) return; // selectorMatches never matches an invalid selector either
    const c = compiled.value;
    const entry = { reg, order };
    if (c.kind === "ip" || c.kind === "cidr") {
      const bucket = byPrefix.get(c.range.prefix) ?? new Map<string, TEntry[]>();
      byPrefix.set(c.range.prefix, bucket);
      push(bucket, bytesToHex(c.range.bytes), entry);
      sortedRanges.push({ start: bytesToHex(c.range.bytes), prefix: c.range.prefix, entry });
    } else if (c.kind === "host") {
      push(c.host.wildcard ? wildcardHosts : exactHosts, c.host.name, entry);
      allHosts.push({ compiled: c, entry });
    } else {
      push(exactValues[c.kind], c.value, entry);
    }
  });
  sortedRanges.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const prefixes = [...byPrefix.keys()].sort((a, b) => a - b);

  function matchRange(range: TIpRange): TEntry[] {
    const found: TEntry[] = [];
    for (const prefix of prefixes) {
      if (prefix > range.prefix) break;
      found.push(...(byPrefix.get(prefix)?.get(bytesToHex(maskBytes(range.bytes, prefix))) ?? []));
    }
    if (range.prefix < 128) {
      const { start, end } = rangeBoundsHex(range);
      for (let i = lowerBound(sortedRanges, start); i < sortedRanges.length; i++) {
        const candidate = sortedRanges[i];
        if (!candidate || candidate.start > end) break;
        if (candidate.prefix > range.prefix) found.push(candidate.entry);
      }
    }
    return found;
  }

  function matchCompiled(c: TCompiledSelector): TEntry[] {
    if (c.kind === "ip" || c.kind === "cidr") return matchRange(c.range);
    if (c.kind === "account" || c.kind === "app") return exactValues[c.kind].get(c.value) ?? [];
    // A wildcard entity is never an alert target in practice; a scan keeps it correct.
    if (c.host.wildcard) return allHosts.filter((h) => compiledMatches(h.compiled, c)).map((h) => h.entry);
    const viaWildcards = parentDomains(c.host.name).flatMap((parent) => wildcardHosts.get(parent) ?? []);
    return [...(exactHosts.get(c.host.name) ?? []), ...viaWildcards];
  }

  return {
    match(entity, now) {
      const compiled = compileSelector(entity.kind, entity.value);
      if (!compiled.ok) return [];
      return matchCompiled(compiled.value)
        .filter((e) => isRegistrationActive(e.reg, now))
        .sort((a, b) => a.order - b.order)
        .map((e) => e.reg);
    },
  };
}
