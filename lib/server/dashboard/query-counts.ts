import "server-only";
import type { TDb } from "@/lib/db/client";
import type { TDashboardRaw } from "@/lib/domain/dashboard";
import type { TVerdict } from "@/lib/domain/types";
import type { TWindow } from "./query-timing";

// Counts behind the dashboard's shares and rates. Each says which time puts a row in the
// window: decisions by when their alert happened (as the policy backtest does, so a replay
// of old logs is not counted as this week's traffic), containments by creation, releases
// by their end, escalations by when they were opened. `d.createdAt >= from` is implied
// (nothing is decided before it happens) and lets the Decision.createdAt index bound the scan.

/** Decisions per verdict, per week of the alert and in total (week NULL). */
export async function verdictCounts(client: TDb, window: TWindow): Promise<TDashboardRaw["verdicts"]> {
  const rows = await client.$queryRaw<{ week: string | null; verdict: TVerdict; n: number }[]>`
    SELECT "week", "verdict", count(*)::int AS "n"
    FROM (
      SELECT to_char(date_trunc('week', a."occurredAt"), 'YYYY-MM-DD') AS "week", d."verdict"::text AS "verdict"
      FROM "Decision" d JOIN "Alert" a ON a."id" = d."alertId"
      WHERE d."createdAt" >= ${window.from} AND a."occurredAt" >= ${window.from} AND a."occurredAt" < ${window.to}
    ) AS "d"
    GROUP BY GROUPING SETS (("week", "verdict"), ("verdict"))`;
  return rows.map((r) => ({ week: r.week, verdict: r.verdict, count: r.n }));
}

export async function containmentsPerWeek(client: TDb, window: TWindow): Promise<TDashboardRaw["containmentsByWeek"]> {
  const rows = await client.$queryRaw<{ week: string; n: number }[]>`
    SELECT to_char(date_trunc('week', c."createdAt"), 'YYYY-MM-DD') AS "week", count(*)::int AS "n"
    FROM "Containment" c
    WHERE c."createdAt" >= ${window.from} AND c."createdAt" < ${window.to}
    GROUP BY 1`;
  return rows.map((r) => ({ week: r.week, count: r.n }));
}

/**
 * Escalations opened in the window. Past SLA is what lib/domain/escalation-sla.ts calls
 * "overdue" (open past its deadline at `now`) or "answered-late" (approved or rejected
 * after it); a superseded one was answered by events, not by a person, and is neither.
 */
export async function escalationCounts(client: TDb, window: TWindow & { now: Date }): Promise<TDashboardRaw["escalations"]> {
  return client.$queryRaw<TDashboardRaw["escalations"]>`
    SELECT "week", count(*)::int AS "total",
           count(*) FILTER (WHERE "overdue" OR "late")::int AS "pastSla",
           count(*) FILTER (WHERE "overdue")::int AS "openOverdue",
           count(*) FILTER (WHERE "late")::int AS "answeredLate",
           count(*) FILTER (WHERE "status" = 'REJECTED')::int AS "rejected"
    FROM (
      SELECT to_char(date_trunc('week', e."createdAt"), 'YYYY-MM-DD') AS "week", e."status",
             (e."status" = 'OPEN' AND e."slaDueAt" < ${window.now}) AS "overdue",
             (e."status" IN ('APPROVED', 'REJECTED') AND e."resolvedAt" > e."slaDueAt") AS "late"
      FROM "Escalation" e
      WHERE e."createdAt" >= ${window.from} AND e."createdAt" < ${window.to}
    ) AS "e"
    GROUP BY GROUPING SETS (("week"), ())`;
}

/** Containments made in the window per playbook: released by a person (the false-positive proxy) or expired. */
export async function playbookReleaseCounts(client: TDb, window: TWindow): Promise<TDashboardRaw["playbooks"]> {
  return client.$queryRaw<TDashboardRaw["playbooks"]>`
    SELECT c."playbookKey", count(*)::int AS "contained",
           count(*) FILTER (WHERE c."status" = 'RELEASED')::int AS "released",
           count(*) FILTER (WHERE c."status" = 'EXPIRED')::int AS "expired"
    FROM "Containment" c
    WHERE c."createdAt" >= ${window.from} AND c."createdAt" < ${window.to}
    GROUP BY 1`;
}

/** Containments made in the window per asset class of the decision behind them. */
export async function assetClassCounts(client: TDb, window: TWindow): Promise<TDashboardRaw["assetClasses"]> {
  const rows = await client.$queryRaw<{ assetClass: string | null; n: number }[]>`
    SELECT d."assetClass", count(*)::int AS "n"
    FROM "Containment" c LEFT JOIN "Decision" d ON d."id" = c."decisionId"
    WHERE c."createdAt" >= ${window.from} AND c."createdAt" < ${window.to}
    GROUP BY 1`;
  return rows.map((r) => ({ assetClass: r.assetClass, count: r.n }));
}

/** The targets people released most often in the window (ties: the most recent first). */
export async function topReleasedTargets(client: TDb, window: TWindow, limit = 10): Promise<TDashboardRaw["topReleased"]> {
  const rows = await client.$queryRaw<{ kind: TDashboardRaw["topReleased"][number]["target"]["kind"]; value: string; n: number; last: Date }[]>`
    SELECT c."targetKind"::text AS "kind", c."targetValue" AS "value", count(*)::int AS "n", max(c."endedAt") AS "last"
    FROM "Containment" c
    WHERE c."status" = 'RELEASED' AND c."endedAt" >= ${window.from} AND c."endedAt" < ${window.to}
    GROUP BY 1, 2
    ORDER BY 3 DESC, 4 DESC, 2
    LIMIT ${limit}`;
  return rows.map((r) => ({ target: { kind: r.kind, value: r.value }, releases: r.n, lastReleasedAt: r.last }));
}

/** Investigation holds in force at `now` (release hold-offs are not investigations). */
export function openHolds(client: TDb, now: Date): Promise<number> {
  return client.investigationHold.count({ where: { kind: "INVESTIGATION", liftedAt: null, expiresAt: { gt: now } } });
}
