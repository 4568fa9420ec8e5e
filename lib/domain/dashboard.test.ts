import { describe, expect, it } from "vitest";
import { NO_PLAYBOOK, shapeDashboard, UNKNOWN_CLASS, type TDashboardRaw } from "./dashboard";
import { dashboardTable, DASHBOARD_TABLES } from "./dashboard-tables";

function raw(over: Partial<TDashboardRaw> = {}): TDashboardRaw {
  return {
    weeks: ["2026-11-09", "2026-11-16", "2026-11-23"],
    toContain: { total: { count: 3, meanSeconds: 80, p90Seconds: 176 }, weeks: [{ week: "2026-11-16", count: 3, meanSeconds: 80, p90Seconds: 176 }] },
    toRelease: { total: { count: 1, meanSeconds: 3600, p90Seconds: 3600 }, weeks: [{ week: "2026-11-23", count: 1, meanSeconds: 3600, p90Seconds: 3600 }] },
    verdicts: [
      { week: null, verdict: "execute", count: 3 },
      { week: null, verdict: "escalate", count: 4 },
      { week: null, verdict: "suppress", count: 1 },
      { week: "2026-11-16", verdict: "execute", count: 3 },
      { week: "2026-11-16", verdict: "escalate", count: 1 },
      { week: "2026-11-23", verdict: "escalate", count: 3 },
      { week: "2026-11-23", verdict: "suppress", count: 1 },
    ],
    containmentsByWeek: [{ week: "2026-11-16", count: 3 }],
    escalations: [
      { week: null, total: 4, pastSla: 2, openOverdue: 1, answeredLate: 1, rejected: 1 },
      { week: "2026-11-23", total: 3, pastSla: 2, openOverdue: 1, answeredLate: 1, rejected: 1 },
    ],
    playbooks: [
      { playbookKey: "brute-force-ip", contained: 3, released: 1, expired: 2 },
      { playbookKey: null, contained: 1, released: 1, expired: 0 },
      { playbookKey: "malware-host", contained: 2, released: 0, expired: 0 },
    ],
    assetClasses: [
      { assetClass: "external-ip", count: 3 },
      { assetClass: null, count: 1 },
    ],
    topReleased: [],
    holdsOpen: 2,
    ...over,
  };
}

describe("shapeDashboard", () => {
  it("shares every verdict out of all decisions, in a fixed order", () => {
    const d = shapeDashboard(raw());
    expect(d.decisions).toBe(8);
    expect(d.verdicts).toEqual([
      { verdict: "execute", count: 3, share: 0.375 },
      { verdict: "escalate", count: 4, share: 0.5 },
      { verdict: "suppress", count: 1, share: 0.125 },
      { verdict: "forbid", count: 0, share: 0 },
      { verdict: "shadow", count: 0, share: 0 },
    ]);
  });

  it("fills every week of the window, quiet ones with zeros", () => {
    const { weeks } = shapeDashboard(raw());
    expect(weeks.map((w) => w.week)).toEqual(["2026-11-09", "2026-11-16", "2026-11-23"]);
    expect(weeks[0]).toEqual({
      week: "2026-11-09",
      decisions: { execute: 0, escalate: 0, suppress: 0, forbid: 0, shadow: 0 },
      containments: 0,
      releases: 0,
      escalations: 0,
      pastSla: 0,
      containMeanSeconds: null,
      containP90Seconds: null,
      releaseMeanSeconds: null,
    });
    expect(weeks[1]).toMatchObject({ decisions: { execute: 3, escalate: 1 }, containments: 3, containMeanSeconds: 80, containP90Seconds: 176 });
    expect(weeks[2]).toMatchObject({ decisions: { escalate: 3, suppress: 1 }, releases: 1, releaseMeanSeconds: 3600, escalations: 3, pastSla: 2 });
  });

  it("ranks playbooks by release rate and names containments without one", () => {
    const d = shapeDashboard(raw());
    expect(d.releaseRates.map((p) => [p.playbookKey, p.releaseRate])).toEqual([
      [NO_PLAYBOOK, 1],
      ["brute-force-ip", 1 / 3],
      ["malware-host", 0],
    ]);
    expect(d.assetClasses).toEqual([
      { assetClass: "external-ip", count: 3, share: 0.75 },
      { assetClass: UNKNOWN_CLASS, count: 1, share: 0.25 },
    ]);
  });

  it("says nothing was decided rather than dividing by zero", () => {
    const d = shapeDashboard(raw({ verdicts: [], escalations: [], playbooks: [], assetClasses: [], toContain: { total: { count: 0, meanSeconds: null, p90Seconds: null }, weeks: [] } }));
    expect(d.decisions).toBe(0);
    expect(d.verdicts.every((v) => v.share === null)).toBe(true);
    expect(d.escalations).toEqual({ total: 0, pastSla: 0, openOverdue: 0, answeredLate: 0, rejected: 0 });
  });
});

describe("dashboardTable", () => {
  const d = shapeDashboard(raw());

  it("formats for people on the page and keeps raw numbers for CSV", () => {
    expect(dashboardTable("timing", d, "page").rows[0]).toEqual(["Alert → containment", 3, "1m20s", "2m56s"]);
    expect(dashboardTable("timing", d, "csv").rows[0]).toEqual(["Alert → containment", 3, 80, 176]);
    expect(dashboardTable("verdicts", d, "page").rows[0]).toEqual(["executed", 3, "37.5%"]);
    expect(dashboardTable("verdicts", d, "csv").rows[0]).toEqual(["executed", 3, 0.375]);
    expect(dashboardTable("weekly-timing", d, "csv").rows).toEqual([
      ["2026-11-09", "", "", ""],
      ["2026-11-16", 80, 176, ""],
      ["2026-11-23", "", "", 3600],
    ]);
    expect(dashboardTable("weekly-timing", d, "csv").head[1]).toBe("Alert → containment, mean (s)");
  });

  it("gives every row as many cells as the header", () => {
    for (const name of DASHBOARD_TABLES) {
      for (const style of ["page", "csv"] as const) {
        const t = dashboardTable(name, d, style);
        for (const row of t.rows) expect(row).toHaveLength(t.head.length);
      }
    }
  });
});
