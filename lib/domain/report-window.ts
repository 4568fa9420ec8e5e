// The time windows the rehearsal view and the dashboard offer. Both read a window from
// the URL, so an unknown value falls back to the default instead of failing the page.

export const REHEARSAL_DAYS = [7, 14, 30, 60, 90] as const;
export const DEFAULT_REHEARSAL_DAYS = 30;

export const DASHBOARD_WEEKS = [4, 8, 12, 26] as const;
export const DEFAULT_DASHBOARD_WEEKS = 8;

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** The listed choice the raw value names, else the fallback. */
export function pickChoice<T extends number>(raw: unknown, choices: readonly T[], fallback: T): T {
  const n = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : typeof raw === "number" ? raw : NaN;
  return (choices as readonly number[]).includes(n) ? (n as T) : fallback;
}

/** Monday 00:00 UTC of the week `at` falls in (ISO weeks, as PostgreSQL's date_trunc('week')). */
export function weekStart(at: Date): Date {
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * DAY);
}

/**
 * The last `weeks` whole calendar weeks up to `now`, the current one included: `from` is
 * a Monday so every weekly bucket is a full week except possibly the last.
 */
export function weeklyWindow(now: Date, weeks: number): { from: Date; to: Date; weekStarts: Date[] } {
  const first = weekStart(now).getTime() - (weeks - 1) * WEEK;
  return { from: new Date(first), to: now, weekStarts: Array.from({ length: weeks }, (_, i) => new Date(first + i * WEEK)) };
}

export function daysWindow(now: Date, days: number): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - days * DAY), to: now };
}
