import "server-only";
import type { TDb } from "@/lib/db/client";
import type { TTiming, TWeekTiming } from "@/lib/domain/dashboard";

// Mean and p90 durations, per week and for the whole window in one pass (GROUPING SETS:
// the row whose week is NULL is the total). percentile_cont interpolates like
// lib/domain/stats.ts, and weeks are PostgreSQL's ISO weeks (Monday 00:00 UTC).

type TRow = { week: string | null; n: number; mean: number | null; p90: number | null };
export type TTimingResult = { total: TTiming; weeks: TWeekTiming[] };

export type TWindow = { from: Date; to: Date };

function split(rows: TRow[]): TTimingResult {
  const timing = (r: TRow | undefined): TTiming => ({ count: r?.n ?? 0, meanSeconds: r?.mean ?? null, p90Seconds: r?.p90 ?? null });
  return {
    total: timing(rows.find((r) => r.week === null)),
    weeks: rows.flatMap((r) => (r.week === null ? [] : [{ week: r.week, ...timing(r) }])),
  };
}

/**
 * Alert → containment: from the time the alert happened (its own timestamp, as the
 * backtest windows it) to the containment being enforced, for containments made from a
 * decision (autonomous, or approved by an analyst), by the alert's week. Containments
 * never enforced (pending, failed) have no time yet.
 */
export async function timeToContain(client: TDb, window: TWindow): Promise<TTimingResult> {
  const rows = await client.$queryRaw<TRow[]>`
    SELECT "week", count(*)::int AS "n", avg("secs")::float8 AS "mean",
           percentile_cont(0.9) WITHIN GROUP (ORDER BY "secs")::float8 AS "p90"
    FROM (
      SELECT to_char(date_trunc('week', a."occurredAt"), 'YYYY-MM-DD') AS "week",
             EXTRACT(EPOCH FROM (c."activatedAt" - a."occurredAt"))::float8 AS "secs"
      FROM "Containment" c
      JOIN "Decision" d ON d."id" = c."decisionId"
      JOIN "Alert" a ON a."id" = d."alertId"
      WHERE c."activatedAt" IS NOT NULL AND d."createdAt" >= ${window.from} AND a."occurredAt" >= ${window.from} AND a."occurredAt" < ${window.to}
    ) AS "samples"
    GROUP BY GROUPING SETS (("week"), ())`;
  return split(rows);
}

/**
 * Containment → release: from enforcement (or creation, if never confirmed) to a person's
 * release, by the week of the release. Expiry by TTL is not a release.
 */
export async function timeToRelease(client: TDb, window: TWindow): Promise<TTimingResult> {
  const rows = await client.$queryRaw<TRow[]>`
    SELECT "week", count(*)::int AS "n", avg("secs")::float8 AS "mean",
           percentile_cont(0.9) WITHIN GROUP (ORDER BY "secs")::float8 AS "p90"
    FROM (
      SELECT to_char(date_trunc('week', c."endedAt"), 'YYYY-MM-DD') AS "week",
             EXTRACT(EPOCH FROM (c."endedAt" - COALESCE(c."activatedAt", c."createdAt")))::float8 AS "secs"
      FROM "Containment" c
      WHERE c."status" = 'RELEASED' AND c."endedAt" >= ${window.from} AND c."endedAt" < ${window.to}
    ) AS "samples"
    GROUP BY GROUPING SETS (("week"), ())`;
  return split(rows);
}
