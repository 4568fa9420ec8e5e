import "server-only";
import type { TDb } from "@/lib/db/client";
import { lookupMatches, type TLookupTarget } from "@/lib/domain/lookup-query";
import { Prisma } from "@/lib/generated/prisma";
import { CONTAINMENT_SELECT } from "@/lib/server/containments/list-containments";
import { CONTAINMENT_TARGET, entityMatchSql, queryComposed, utc } from "./entity-sql";

export const LOOKUP_ROW_LIMIT = 200;

/**
 * Containments touching the entity that were in force at some point of the window
 * (created before its end, not ended before its start): a block from last week that is
 * still active matters to today's bridge call. Newest first, with the decision behind each.
 */
export async function findMatchingContainments(client: TDb, options: { targets: readonly TLookupTarget[]; from: Date; to: Date; limit?: number }) {
  const limit = options.limit ?? LOOKUP_ROW_LIMIT;
  // Materialised: the entity's indexes drive, not a backward walk of createdAt (see list-audit-events.ts).
  const ids = await queryComposed<{ id: string }>(
    client,
    Prisma.sql`
    WITH hits AS MATERIALIZED (
      SELECT c."id", c."createdAt" FROM "Containment" c
      WHERE ${entityMatchSql(options.targets, CONTAINMENT_TARGET)}
        AND c."createdAt" < ${utc(options.to)}
        AND (c."endedAt" IS NULL OR c."endedAt" >= ${utc(options.from)}))
    SELECT "id" FROM hits ORDER BY "createdAt" DESC LIMIT ${limit}`,
  );
  if (ids.length === 0) return [];
  const rows = await client.containment.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    orderBy: { createdAt: "desc" },
    select: {
      ...CONTAINMENT_SELECT,
      decisionId: true,
      decision: { select: { alertId: true, verdict: true, reasons: true, assetClass: true, playbookVersion: true, alert: { select: { title: true, severity: true } } } },
    } satisfies Prisma.ContainmentSelect,
  });
  return rows
    .filter((c) => lookupMatches(options.targets, { kind: c.targetKind, value: c.targetValue }))
    .map((c) => ({ ...c, decision: c.decision && { ...c.decision, reasons: Array.isArray(c.decision.reasons) ? (c.decision.reasons as unknown[]).map(String) : [] } }));
}

export type TMatchingContainment = Awaited<ReturnType<typeof findMatchingContainments>>[number];
