import { describe, expect, it } from "vitest";
import { DASHBOARD_WEEKS, DEFAULT_DASHBOARD_WEEKS, pickChoice, weekStart, weeklyWindow } from "./report-window";

describe("report windows", () => {
  it("starts weeks on Monday 00:00 UTC", () => {
    expect(weekStart(new Date("2026-11-27T01:56:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z"); // a Friday
    expect(weekStart(new Date("2026-11-23T00:00:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z"); // Monday itself
    expect(weekStart(new Date("2026-11-29T23:59:59Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z"); // Sunday
    expect(weekStart(new Date("2027-01-01T12:00:00Z")).toISOString()).toBe("2026-12-28T00:00:00.000Z"); // across a year
  });

  it("covers the current week and the whole weeks before it", () => {
    const now = new Date("2026-11-27T01:56:00Z");
    const w = weeklyWindow(now, 3);
    expect(w.from.toISOString()).toBe("2026-11-09T00:00:00.000Z");
    expect(w.to).toBe(now);
    expect(w.weekStarts.map((d) => d.toISOString().slice(0, 10))).toEqual(["2026-11-09", "2026-11-16", "2026-11-23"]);
  });

  it("accepts only the offered choices", () => {
    expect(pickChoice("12", DASHBOARD_WEEKS, DEFAULT_DASHBOARD_WEEKS)).toBe(12);
    expect(pickChoice("13", DASHBOARD_WEEKS, DEFAULT_DASHBOARD_WEEKS)).toBe(8);
    expect(pickChoice("8abc", DASHBOARD_WEEKS, DEFAULT_DASHBOARD_WEEKS)).toBe(8);
    expect(pickChoice(undefined, DASHBOARD_WEEKS, DEFAULT_DASHBOARD_WEEKS)).toBe(8);
    expect(pickChoice(["4"], DASHBOARD_WEEKS, DEFAULT_DASHBOARD_WEEKS)).toBe(8);
  });
});
