// Every dashboard aggregate as a table: the same rows back the page's table alternative to
// each chart and the CSV export, so what a reader sees and what they download agree.
import { VERDICT_LABELS } from "./audit-types";
import type { TDashboard } from "./dashboard";
import { formatPercent, formatSeconds } from "./report-format";
import { VERDICTS } from "./types";

export const DASHBOARD_TABLES = ["timing", "verdicts", "weekly", "weekly-timing", "escalations", "release-rate", "asset-classes", "top-released"] as const;
export type TDashboardTable = (typeof DASHBOARD_TABLES)[number];

export type TTableData = { title: string; head: string[]; rows: (string | number)[][] };

const seconds = (s: number | null) => (s === null ? "" : Math.round(s));

/** Figures for people (formatted) or for spreadsheets (raw numbers, seconds, ratios). */
export type TTableStyle = "page" | "csv";

export function dashboardTable(name: TDashboardTable, d: TDashboard, style: TTableStyle): TTableData {
  const dur = (s: number | null) => (style === "page" ? formatSeconds(s) : seconds(s));
  const pct = (r: number | null) => (style === "page" ? formatPercent(r) : r === null ? "" : Number(r.toFixed(4)));
  switch (name) {
    case "timing":
      return {
        title: "Time to contain and to release",
        head: ["Measure", "Containments", style === "page" ? "Mean" : "Mean (s)", style === "page" ? "p90" : "p90 (s)"],
        rows: [
          ["Alert → containment", d.toContain.count, dur(d.toContain.meanSeconds), dur(d.toContain.p90Seconds)],
          ["Containment → release", d.toRelease.count, dur(d.toRelease.meanSeconds), dur(d.toRelease.p90Seconds)],
        ],
      };
    case "verdicts":
      return {
        title: "How alerts were handled",
        head: ["Verdict", "Decisions", "Share"],
        rows: d.verdicts.map((v) => [VERDICT_LABELS[v.verdict], v.count, pct(v.share)]),
      };
    case "weekly":
      return {
        title: "Per week",
        head: ["Week of", ...VERDICTS.map((v) => VERDICT_LABELS[v]), "Containments", "Releases", "Escalations", "Past SLA"],
        rows: d.weeks.map((w) => [w.week, ...VERDICTS.map((v) => w.decisions[v]), w.containments, w.releases, w.escalations, w.pastSla]),
      };
    case "weekly-timing":
      return {
        title: "Time to contain and to release, per week",
        head: ["Week of", ...["Alert → containment, mean", "Alert → containment, p90", "Containment → release, mean"].map((h) => (style === "page" ? h : `${h} (s)`))],
        rows: d.weeks.map((w) => [w.week, dur(w.containMeanSeconds), dur(w.containP90Seconds), dur(w.releaseMeanSeconds)]),
      };
    case "escalations":
      return {
        title: "Escalations and their SLA",
        head: ["Escalations", "Past SLA", "Open and overdue", "Answered late", "Rejected"],
        rows: [[d.escalations.total, d.escalations.pastSla, d.escalations.openOverdue, d.escalations.answeredLate, d.escalations.rejected]],
      };
    case "release-rate":
      return {
        title: "Release rate per playbook (false-positive proxy)",
        head: ["Playbook", "Containments", "Released by a person", "Expired", "Release rate"],
        rows: d.releaseRates.map((p) => [p.playbookKey, p.contained, p.released, p.expired, pct(p.releaseRate)]),
      };
    case "asset-classes":
      return {
        title: "Containments per asset class",
        head: ["Asset class", "Containments", "Share"],
        rows: d.assetClasses.map((c) => [c.assetClass, c.count, pct(c.share)]),
      };
    case "top-released":
      return {
        title: "Top released targets",
        head: ["Kind", "Target", "Releases", "Last released"],
        rows: d.topReleased.map((t) => [t.target.kind, t.target.value, t.releases, t.lastReleasedAt.toISOString()]),
      };
  }
}
