// A registration campaign runs on calendar dates (UTC): it opens at the start of its
// opening day and its deadline is the end of its deadline day, because owners read
// "register by 2026-12-15" as "until that day is over". Days left count calendar days,
// so everyone sees the same number all day long.

const DAY_MS = 86_400_000;

/** "2026-12-15" → the first instant of that UTC day. */
export function startOfDay(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

/** "2026-12-15" → the last instant of that UTC day: the deadline owners were told. */
export function endOfDay(isoDate: string): Date {
  return new Date(`${isoDate}T23:59:59.999Z`);
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function dayNumber(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

/** Calendar days from today to the deadline's day: 0 on the deadline day, negative after it. */
export function daysLeft(deadline: Date, now: Date): number {
  return dayNumber(deadline) - dayNumber(now);
}

/** Whole calendar days between opening and deadline (a one-day window is 1). */
export function windowDays(opensAt: Date, deadline: Date): number {
  return dayNumber(deadline) - dayNumber(opensAt) + 1;
}

export type TCampaignPhase = "scheduled" | "open" | "past-deadline" | "closed";

export function campaignPhase(c: { opensAt: Date; deadline: Date; closedAt: Date | null }, now: Date): TCampaignPhase {
  if (c.closedAt) return "closed";
  if (now.getTime() < c.opensAt.getTime()) return "scheduled";
  return now.getTime() > c.deadline.getTime() ? "past-deadline" : "open";
}

/** "12 days left", "last day today", "deadline passed 3 days ago". */
export function daysLeftLabel(deadline: Date, now: Date): string {
  const left = daysLeft(deadline, now);
  if (now.getTime() > deadline.getTime()) {
    const ago = -left;
    return ago <= 0 ? "deadline passed today" : `deadline passed ${ago} day${ago === 1 ? "" : "s"} ago`;
  }
  if (left === 0) return "last day today";
  return `${left} day${left === 1 ? "" : "s"} left`;
}

/**
 * The reminder points that are due: the campaign is open and the deadline is no more
 * than that many days away. A job that was down for a while finds several due at once;
 * the caller records all of them and sends only the most pressing one (the smallest).
 */
export function dueReminderPoints(c: { opensAt: Date; deadline: Date; closedAt: Date | null; reminderDaysBefore: readonly number[] }, now: Date): number[] {
  if (campaignPhase(c, now) !== "open") return [];
  const left = daysLeft(c.deadline, now);
  return c.reminderDaysBefore.filter((d) => d >= left).sort((a, b) => a - b);
}
