import "server-only";
import type { TDb } from "@/lib/db/client";
import { summariseCoverage, type TCampaignCoverage, type TRegistrationGroup, type TSeenEntity } from "@/lib/domain/campaign-coverage";

// The data behind the coverage view, in two queries. (1) Every distinct IP, host and
// account seen since the window start, in alert targets, the entities alerts name and
// context events, each joined to the most specific active registration covering it (GiST
// on inet for addresses; the same host/account matching as the decision's candidates).
// (2) Active registrations counted per owner, business unit and class. Scope and the
// grouping are applied by summariseCoverage (lib/domain), where they are unit-tested.

const DAY_MS = 86_400_000;

type TSeenRow = { kind: TSeenEntity["kind"]; value: string; sightings: number; lastSeen: Date; ownerName: string | null; businessUnit: string | null; assetClass: string | null };

export type TCoverageResult = TCampaignCoverage & { since: Date };

export async function loadCampaignCoverage(
  client: TDb,
  options: { campaign: { scopeAssetClasses: string[]; scopeBusinessUnits: string[]; opensAt: Date; cadenceDays: number }; now: Date },
): Promise<TCoverageResult> {
  const { campaign, now } = options;
  // One cadence before the campaign opened: what was active in the period it re-certifies.
  const since = new Date(campaign.opensAt.getTime() - campaign.cadenceDays * DAY_MS);
  const [seenRows, groups] = await Promise.all([
    client.$queryRaw<TSeenRow[]>`
      WITH seen AS (
        SELECT a."targetKind"::text AS kind, a."targetValue" AS value, a."receivedAt" AS at
        FROM "Alert" a WHERE a."receivedAt" >= ${since} AND a."targetKind" IN ('ip', 'host', 'account')
        UNION ALL
        SELECT e->>'kind', e->>'value', a."receivedAt"
        FROM "Alert" a CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(a."entities") = 'array' THEN a."entities" ELSE '[]'::jsonb END) e
        WHERE a."receivedAt" >= ${since} AND e->>'kind' IN ('ip', 'host', 'account')
        UNION ALL
        SELECT 'ip', c."sourceIp", c."occurredAt" FROM "ContextEvent" c WHERE c."occurredAt" >= ${since} AND c."sourceIp" IS NOT NULL
        UNION ALL
        SELECT 'host', c."host", c."occurredAt" FROM "ContextEvent" c WHERE c."occurredAt" >= ${since} AND c."host" IS NOT NULL
        UNION ALL
        SELECT 'account', c."account", c."occurredAt" FROM "ContextEvent" c WHERE c."occurredAt" >= ${since} AND c."account" IS NOT NULL
      ), entities AS (
        SELECT kind, CASE WHEN kind = 'ip' THEN host("reflex_inet_or_null"(value)) ELSE lower(value) END AS value,
               count(*)::int AS sightings, max(at) AS "lastSeen"
        FROM seen
        WHERE value <> '' AND (kind <> 'ip' OR "reflex_inet_or_null"(value) IS NOT NULL)
        GROUP BY 1, 2
      )
      SELECT e.kind, e.value, e.sightings, e."lastSeen", r."ownerName", r."businessUnit", r."assetClass"
      FROM entities e
      LEFT JOIN LATERAL (
        SELECT u."name" AS "ownerName", p."businessUnit", p."assetClass"
        FROM "ProtectedAsset" p JOIN "User" u ON u."id" = p."ownerId"
        WHERE p."deletedAt" IS NULL AND (p."expiresAt" IS NULL OR p."expiresAt" > ${now})
          AND CASE e.kind
            WHEN 'ip' THEN p."selectorKind" IN ('ip', 'cidr') AND (p."selectorValue")::inet >>= (e.value)::inet
            WHEN 'host' THEN p."selectorKind" = 'host' AND (lower(p."selectorValue") = e.value
              OR (p."selectorValue" LIKE '*.%' AND e.value LIKE '%' || lower(substr(p."selectorValue", 2))))
            ELSE p."selectorKind" = 'account' AND lower(p."selectorValue") = e.value
          END
        ORDER BY CASE WHEN p."selectorKind" IN ('ip', 'cidr') THEN masklen((p."selectorValue")::inet) ELSE length(p."selectorValue") END DESC
        LIMIT 1
      ) r ON true`,
    client.$queryRaw<TRegistrationGroup[]>`
      SELECT u."name" AS "ownerName", p."businessUnit", p."assetClass", count(*)::int AS count
      FROM "ProtectedAsset" p JOIN "User" u ON u."id" = p."ownerId"
      WHERE p."deletedAt" IS NULL AND (p."expiresAt" IS NULL OR p."expiresAt" > ${now})
      GROUP BY 1, 2, 3`,
  ]);
  const seen: TSeenEntity[] = seenRows.map((r) => ({
    kind: r.kind,
    value: r.value,
    sightings: r.sightings,
    lastSeen: r.lastSeen,
    registration: r.ownerName !== null ? { ownerName: r.ownerName, businessUnit: r.businessUnit ?? "", assetClass: r.assetClass ?? "" } : null,
  }));
  return { ...summariseCoverage(campaign, seen, groups), since };
}
