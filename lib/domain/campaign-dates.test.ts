import { describe, expect, it } from "vitest";
import { campaignPhase, daysLeft, daysLeftLabel, dueReminderPoints, endOfDay, startOfDay, windowDays } from "./campaign-dates";

const deadline = endOfDay("2026-12-15");
const at = (iso: string) => new Date(iso);

describe("days left to a campaign deadline", () => {
  it("counts calendar days, the same number all day long", () => {
    expect(daysLeft(deadline, at("2026-12-01T00:00:00Z"))).toBe(14);
    expect(daysLeft(deadline, at("2026-12-01T23:59:00Z"))).toBe(14);
    expect(daysLeft(deadline, at("2026-12-14T12:00:00Z"))).toBe(1);
    expect(daysLeft(deadline, at("2026-12-15T23:59:59Z"))).toBe(0);
    expect(daysLeft(deadline, at("2026-12-17T08:00:00Z"))).toBe(-2);
  });

  it("says it in words, and the deadline day is still open", () => {
    expect(daysLeftLabel(deadline, at("2026-12-14T12:00:00Z"))).toBe("1 day left");
    expect(daysLeftLabel(deadline, at("2026-12-05T12:00:00Z"))).toBe("10 days left");
    expect(daysLeftLabel(deadline, at("2026-12-15T22:00:00Z"))).toBe("last day today");
    expect(daysLeftLabel(deadline, at("2026-12-16T00:00:00Z"))).toBe("deadline passed 1 day ago");
    expect(daysLeftLabel(deadline, at("2026-12-20T00:00:00Z"))).toBe("deadline passed 5 days ago");
  });

  it("measures the window inclusively", () => {
    expect(windowDays(startOfDay("2026-12-01"), deadline)).toBe(15);
    expect(windowDays(startOfDay("2026-12-14"), endOfDay("2026-12-15"))).toBe(2);
  });
});

describe("campaign phase", () => {
  const c = { opensAt: startOfDay("2026-12-01"), deadline, closedAt: null };
  it("runs scheduled → open → past deadline, and closing wins", () => {
    expect(campaignPhase(c, at("2026-11-30T23:59:59Z"))).toBe("scheduled");
    expect(campaignPhase(c, at("2026-12-01T00:00:00Z"))).toBe("open");
    expect(campaignPhase(c, at("2026-12-15T23:59:59.999Z"))).toBe("open");
    expect(campaignPhase(c, at("2026-12-16T00:00:00Z"))).toBe("past-deadline");
    expect(campaignPhase({ ...c, closedAt: at("2026-12-02T00:00:00Z") }, at("2026-12-05T00:00:00Z"))).toBe("closed");
  });
});

describe("due reminder points", () => {
  const c = { opensAt: startOfDay("2026-11-01"), deadline, closedAt: null, reminderDaysBefore: [14, 7, 1] };
  it("is due from the start of the day that many days before the deadline", () => {
    expect(dueReminderPoints(c, at("2026-11-30T23:59:59Z"))).toEqual([]);
    expect(dueReminderPoints(c, at("2026-12-01T00:00:00Z"))).toEqual([14]);
    expect(dueReminderPoints(c, at("2026-12-08T09:00:00Z"))).toEqual([7, 14]);
    expect(dueReminderPoints(c, at("2026-12-15T09:00:00Z"))).toEqual([1, 7, 14]);
  });

  it("reminds nobody before opening, after the deadline or once closed", () => {
    expect(dueReminderPoints({ ...c, opensAt: startOfDay("2026-12-10") }, at("2026-12-09T00:00:00Z"))).toEqual([]);
    expect(dueReminderPoints(c, at("2026-12-16T00:00:00Z"))).toEqual([]);
    expect(dueReminderPoints({ ...c, closedAt: at("2026-12-02T00:00:00Z") }, at("2026-12-10T00:00:00Z"))).toEqual([]);
  });
});
