// The accountability dashboard's figures, shaped from the SQL aggregates
// (lib/server/dashboard): shares and rates computed once, every week of the window present
// (a quiet week is a row of zeros, not a gap), and the verdicts in one fixed order.
import { ratio } from "./stats";
import { VERDICTS, type TSelector, type TVerdict } from "./types";

export type TTiming = { count: number; meanSeconds: number | null; p90Seconds: number | null };
export type TWeekTiming = TTiming & { week: string };

export type TEscalationCounts = { total: number; pastSla: number; openOverdue: number; answeredLate: number; rejected: number };

export type TDashboardRaw = {
  /** Monday of each week in the window, "YYYY-MM-DD" (UTC). */
  weeks: string[];
  toContain: { total: TTiming; weeks: TWeekTiming[] };
  toRelease: { total: TTiming; weeks: TWeekTiming[] };
  /** Decisions per verdict; `week: null` rows are the window's totals. */
  verdicts: { week: string | null; verdict: TVerdict; count: number }[];
  containmentsByWeek: { week: string; count: number }[];
  escalations: (TEscalationCounts & { week: string | null })[];
  playbooks: { playbookKey: string | null; contained: number; released: number; expired: number }[];
  assetClasses: { assetClass: string | null; count: number }[];
  topReleased: { target: TSelector; releases: number; lastReleasedAt: Date }[];
  holdsOpen: number;
};

export type TVerdictShare = { verdict: TVerdict; count: number; share: number | null };

export type TWeekRow = {
  week: string;
  decisions: Record<TVerdict, number>;
  containments: number;
  releases: number;
  escalations: number;
  pastSla: number;
  containMeanSeconds: number | null;
  containP90Seconds: number | null;
  releaseMeanSeconds: number | null;
};

export type TDashboard = {
  toContain: TTiming;
  toRelease: TTiming;
  decisions: number;
  verdicts: TVerdictShare[];
  escalations: TEscalationCounts;
  releaseRates: { playbookKey: string; contained: number; released: number; expired: number; releaseRate: number | null }[];
  assetClasses: { assetClass: string; count: number; share: number | null }[];
  topReleased: TDashboardRaw["topReleased"];
  holdsOpen: number;
  weeks: TWeekRow[];
};

/** Containments no playbook made (an analyst's approval of a manual proposal) are listed under this key. */
export const NO_PLAYBOOK = "(none)";
export const UNKNOWN_CLASS = "(unknown)";

const NO_ESCALATIONS: TEscalationCounts = { total: 0, pastSla: 0, openOverdue: 0, answeredLate: 0, rejected: 0 };
const NO_TIMING: TTiming = { count: 0, meanSeconds: null, p90Seconds: null };

function zeroVerdicts(): Record<TVerdict, number> {
  return { execute: 0, escalate: 0, suppress: 0, forbid: 0, shadow: 0 };
}

function shapeWeeks(raw: TDashboardRaw): TWeekRow[] {
  const byWeek = <T extends { week: string | null }>(rows: T[]) => new Map(rows.flatMap((r) => (r.week === null ? [] : [[r.week, r] as const])));
  const contain = byWeek(raw.toContain.weeks);
  const release = byWeek(raw.toRelease.weeks);
  const escalations = byWeek(raw.escalations);
  const containments = byWeek(raw.containmentsByWeek);
  return raw.weeks.map((week) => {
    const decisions = zeroVerdicts();
    for (const v of raw.verdicts) if (v.week === week) decisions[v.verdict] += v.count;
    const c = contain.get(week) ?? NO_TIMING;
    return {
      week,
      decisions,
      containments: containments.get(week)?.count ?? 0,
      releases: release.get(week)?.count ?? 0,
      escalations: escalations.get(week)?.total ?? 0,
      pastSla: escalations.get(week)?.pastSla ?? 0,
      containMeanSeconds: c.meanSeconds,
      containP90Seconds: c.p90Seconds,
      releaseMeanSeconds: release.get(week)?.meanSeconds ?? null,
    };
  });
}

export function shapeDashboard(raw: TDashboardRaw): TDashboard {
  const totals = zeroVerdicts();
  for (const v of raw.verdicts) if (v.week === null) totals[v.verdict] += v.count;
  const decisions = VERDICTS.reduce((sum, v) => sum + totals[v], 0);
  const containedInClasses = raw.assetClasses.reduce((sum, c) => sum + c.count, 0);
  const { week: _week, ...escalations } = raw.escalations.find((e) => e.week === null) ?? { week: null, ...NO_ESCALATIONS };
  return {
    toContain: raw.toContain.total,
    toRelease: raw.toRelease.total,
    decisions,
    verdicts: VERDICTS.map((verdict) => ({ verdict, count: totals[verdict], share: ratio(totals[verdict], decisions) })),
    escalations,
    releaseRates: raw.playbooks
      .map((p) => ({ playbookKey: p.playbookKey ?? NO_PLAYBOOK, contained: p.contained, released: p.released, expired: p.expired, releaseRate: ratio(p.released, p.contained) }))
      .sort((a, b) => (b.releaseRate ?? 0) - (a.releaseRate ?? 0) || a.playbookKey.localeCompare(b.playbookKey)),
    assetClasses: raw.assetClasses
      .map((c) => ({ assetClass: c.assetClass ?? UNKNOWN_CLASS, count: c.count, share: ratio(c.count, containedInClasses) }))
      .sort((a, b) => b.count - a.count || a.assetClass.localeCompare(b.assetClass)),
    topReleased: raw.topReleased,
    holdsOpen: raw.holdsOpen,
    weeks: shapeWeeks(raw),
  };
}
