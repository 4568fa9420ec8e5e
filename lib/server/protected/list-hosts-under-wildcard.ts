import "server-only";
import type { TDb } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma";
import { queryComposed, reversedSuffixPattern, utc } from "@/lib/server/lookup/entity-sql";

export const HOSTS_SEEN_WINDOW_DAYS = 30;
export const HOSTS_SEEN_LIMIT = 200;

export type THostSeen = { host: string; lastSeenAt: Date; alertCount: number; containedNow: boolean };

/**
 * The concrete hosts Reflex has seen under a wildcard's domain ("pay.corp.example" for
 * "*.pay.corp.example") in the window: named by an alert (target or related entity) received
 * in it, or the target of a containment in force at some point of it. Each table is read by a
 * prefix match on its `…_host_reversed` index; hosts are canonical lower case (ingest), so the
 * suffix match is exact and needs no re-check. Wildcard targets are patterns, not hosts.
 */
export function hostsUnderWildcardSql(domain: string, now: Date): Prisma.Sql {
  const under = reversedSuffixPattern(domain);
  const from = utc(new Date(now.getTime() - HOSTS_SEEN_WINDOW_DAYS * 86_400_000));
  const to = utc(now);
  // UNION, not UNION ALL: an alert naming a host as target and as related entity counts once.
  return Prisma.sql`
    WITH named AS MATERIALIZED (
      SELECT a."targetValue" AS "host", a."id" AS "alertId", a."receivedAt" AS "at" FROM "Alert" a
      WHERE a."targetKind" = 'host' AND reverse(a."targetValue") LIKE ${under} AND a."targetValue" NOT LIKE '*.%'
        AND a."receivedAt" >= ${from} AND a."receivedAt" <= ${to}
      UNION
      SELECT x."value", x."alertId", x."receivedAt" FROM "AlertEntity" x
      WHERE x."kind" = 'host' AND reverse(x."value") LIKE ${under} AND x."value" NOT LIKE '*.%'
        AND x."receivedAt" >= ${from} AND x."receivedAt" <= ${to}),
    contained AS MATERIALIZED (
      SELECT c."targetValue" AS "host", greatest(c."createdAt", c."endedAt") AS "at",
        -- An ACTIVE row past its expiry only waits for the expiry job: nothing enforces it.
        (c."status" IN ('PENDING', 'ACTIVE') AND c."expiresAt" > ${to}) AS "inForce"
      FROM "Containment" c
      WHERE c."targetKind" = 'host' AND reverse(c."targetValue") LIKE ${under} AND c."targetValue" NOT LIKE '*.%'
        AND c."createdAt" <= ${to} AND (c."endedAt" IS NULL OR c."endedAt" >= ${from})),
    seen AS (
      SELECT "host", "at", 1 AS "alerts", false AS "inForce" FROM named
      UNION ALL
      SELECT "host", "at", 0, "inForce" FROM contained)
    SELECT "host", max("at") AS "lastSeenAt", sum("alerts")::int AS "alertCount", bool_or("inForce") AS "containedNow", count(*) OVER ()::int AS "total"
    FROM seen GROUP BY "host"
    ORDER BY "lastSeenAt" DESC, "host" LIMIT ${HOSTS_SEEN_LIMIT}`;
}

/** The most recently seen hosts first, at most HOSTS_SEEN_LIMIT, and how many there were in all. */
export async function listHostsUnderWildcard(client: TDb, options: { domain: string; now: Date }): Promise<{ hosts: THostSeen[]; total: number }> {
  const rows = await queryComposed<THostSeen & { total: number }>(client, hostsUnderWildcardSql(options.domain, options.now));
  return {
    hosts: rows.map((r) => ({ host: r.host, lastSeenAt: r.lastSeenAt, alertCount: r.alertCount, containedNow: r.containedNow })),
    total: rows[0]?.total ?? 0,
  };
}
