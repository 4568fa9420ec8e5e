import "server-only";
import type { TDb, TTx } from "@/lib/db/client";
import { parentDomains } from "@/lib/domain/host-pattern";
import { isMappedV4, rangeContains, V4_MAPPED_SPACE } from "@/lib/domain/ip-range";
import type { TLookupTarget } from "@/lib/domain/lookup-query";
import { Prisma } from "@/lib/generated/prisma";

// The SQL half of a lookup: finds candidate rows through indexes, and may over-match;
// the caller re-checks every row with lookupMatches (the selector logic), so it must never
// under-match. Kinds are written as literals, not parameters, so that the planner can
// match them to the partial indexes (docs/BRIDGE-CALL.md, "Indexes").

export type TEntityColumns = { kind: Prisma.Sql; value: Prisma.Sql };

export const AUDIT_SUBJECT: TEntityColumns = { kind: Prisma.raw(`e."subjectKind"`), value: Prisma.raw(`e."subjectValue"`) };
export const CONTAINMENT_TARGET: TEntityColumns = { kind: Prisma.raw(`c."targetKind"`), value: Prisma.raw(`c."targetValue"`) };
export const ALERT_TARGET: TEntityColumns = { kind: Prisma.raw(`a."targetKind"`), value: Prisma.raw(`a."targetValue"`) };
export const ALERT_RELATED: TEntityColumns = { kind: Prisma.raw(`x."kind"`), value: Prisma.raw(`x."value"`) };

/** LIKE's own wildcards taken literally: host names may carry "_". */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The pattern for `reverse(value) LIKE …` that finds the names under a domain: a suffix match
 * on the name is a prefix match on the reversed name, which the `…_host_reversed` B-trees
 * answer. The leading dot keeps "xpay.corp.example" out of "pay.corp.example".
 */
export function reversedSuffixPattern(domain: string): string {
  return `${likeLiteral([...`.${domain}`].reverse().join(""))}%`;
}

/**
 * A wildcard lookup ("*.pay.corp.example") finds the hosts and narrower wildcards under its
 * domain and the broader wildcards above it.
 */
function wildcardHostSql(name: string, cols: TEntityColumns): Prisma.Sql {
  const covering = [name, ...parentDomains(name)].map((p) => `*.${p}`);
  return Prisma.sql`(${cols.kind} = 'host' AND (reverse(${cols.value}) LIKE ${reversedSuffixPattern(name)} OR ${cols.value} IN (${Prisma.join(covering)})))`;
}

/**
 * GiST over inet: an address finds the ranges containing it, a range what lies inside. The
 * selector logic places IPv4 inside ::ffff:0:0/96 (ip-range.ts), where PostgreSQL keeps the
 * two families apart, so an IPv6 range covering that space (::/0, say) holds every IPv4
 * address: an IPv4 target also looks for the IPv6 ranges around that space, and such a
 * range also looks for every IPv4 row.
 */
function inetOverlaps(t: TLookupTarget, cols: TEntityColumns): Prisma.Sql[] {
  const inet = Prisma.sql`"reflex_inet_or_null"(${cols.value})`;
  const same = Prisma.sql`${inet} && ${t.value}::inet`;
  const range = t.compiled.kind === "ip" || t.compiled.kind === "cidr" ? t.compiled.range : null;
  if (!range) return [same];
  if (isMappedV4(range)) return [same, Prisma.sql`${inet} && '::ffff:0:0/96'::inet`];
  if (rangeContains(range, V4_MAPPED_SPACE)) return [same, Prisma.sql`${inet} && '0.0.0.0/0'::inet`];
  return [same];
}

function targetSql(t: TLookupTarget, cols: TEntityColumns): Prisma.Sql {
  switch (t.kind) {
    case "ip":
    case "cidr":
      return Prisma.sql`(${cols.kind} IN ('ip', 'cidr') AND (${Prisma.join(inetOverlaps(t, cols), " OR ")}))`;
    case "host":
      if (t.compiled.kind === "host" && t.compiled.host.wildcard) return wildcardHostSql(t.compiled.host.name, cols);
      // Canonical hosts are lower case; a wildcard registration or target covers subdomains.
      return Prisma.sql`(${cols.kind} = 'host' AND ${cols.value} IN (${Prisma.join([t.value, ...parentDomains(t.value).map((p) => `*.${p}`)])}))`;
    case "account":
      // Sources keep an account's case; the selector logic (and this index) ignores it.
      return Prisma.sql`(${cols.kind} = 'account' AND lower(${cols.value}) = ${t.value.toLowerCase()})`;
    case "app":
      return Prisma.sql`(${cols.kind} = 'app' AND ${cols.value} = ${t.value})`;
  }
}

export function entityMatchSql(targets: readonly TLookupTarget[], cols: TEntityColumns): Prisma.Sql {
  if (targets.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`(${Prisma.join(targets.map((t) => targetSql(t, cols)), " OR ")})`;
}

/** A timestamp parameter for the timestamp(3) columns, which hold UTC (as Prisma writes them). */
export function utc(date: Date): Prisma.Sql {
  return Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}

/**
 * Runs a query composed of fragments. Through $queryRawUnsafe with the fragment's own text
 * and values: Next.js may bundle the Prisma runtime twice (pages and route handlers), and
 * a fragment built by one copy is not an `Sql` to the client of the other, which then
 * sends the whole fragment as one parameter ("syntax error at or near $1").
 */
export function queryComposed<T>(client: TDb | TTx, query: Prisma.Sql): Promise<T[]> {
  return client.$queryRawUnsafe<T[]>(query.text, ...query.values);
}
