import "server-only";
import type { TDb } from "@/lib/db/client";
import { shapeDashboard, type TDashboard } from "@/lib/domain/dashboard";
import { weeklyWindow } from "@/lib/domain/report-window";
import { assetClassCounts, containmentsPerWeek, escalationCounts, openHolds, playbookReleaseCounts, topReleasedTargets, verdictCounts } from "./query-counts";
import { timeToContain, timeToRelease } from "./query-timing";

export type TDashboardWindow = { from: Date; to: Date; weeks: number };

/** Every aggregate of the accountability dashboard for the last `weeks` calendar weeks up to `now`. */
export async function loadDashboard(client: TDb, options: { now: Date; weeks: number }): Promise<{ window: TDashboardWindow; dashboard: TDashboard }> {
  const { from, to, weekStarts } = weeklyWindow(options.now, options.weeks);
  const window = { from, to };
  const [toContain, toRelease, verdicts, containmentsByWeek, escalations, playbooks, assetClasses, topReleased, holdsOpen] = await Promise.all([
    timeToContain(client, window),
    timeToRelease(client, window),
    verdictCounts(client, window),
    containmentsPerWeek(client, window),
    escalationCounts(client, { ...window, now: options.now }),
    playbookReleaseCounts(client, window),
    assetClassCounts(client, window),
    topReleasedTargets(client, window),
    openHolds(client, options.now),
  ]);
  const dashboard = shapeDashboard({
    weeks: weekStarts.map((d) => d.toISOString().slice(0, 10)),
    toContain,
    toRelease,
    verdicts,
    containmentsByWeek,
    escalations,
    playbooks,
    assetClasses,
    topReleased,
    holdsOpen,
  });
  return { window: { from, to, weeks: options.weeks }, dashboard };
}
