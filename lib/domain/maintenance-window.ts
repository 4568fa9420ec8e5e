// Maintenance windows: weekly UTC time slots in which an owner accepts automatic
// containment. `daysOfWeek` are the days a window starts on; a window whose end is not
// after its start runs past midnight into the next day (so "00:00"–"00:00" is a whole day).
import type { TMaintenanceWindow } from "./types";

const DAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOfDay(text: string): number | null {
  const match = HH_MM.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** A malformed window ("25:00", day 9) contains no time at all: it can only make things stricter. */
export function isInsideWindow(window: TMaintenanceWindow, now: Date): boolean {
  const start = minutesOfDay(window.start);
  const end = minutesOfDay(window.end);
  if (start === null || end === null) return false;
  const day = now.getUTCDay();
  const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
  const startsOn = (d: number) => window.daysOfWeek.includes(d);
  if (start < end) return startsOn(day) && minute >= start && minute < end;
  return (startsOn(day) && minute >= start) || (startsOn((day + 6) % 7) && minute < end);
}

export function isInsideAnyWindow(windows: readonly TMaintenanceWindow[], now: Date): boolean {
  return windows.some((window) => isInsideWindow(window, now));
}

export function describeWindow(window: TMaintenanceWindow): string {
  const days = [...new Set(window.daysOfWeek)]
    .sort((a, b) => a - b)
    .map((d) => DAY_NAMES[d] ?? `day ${d}`)
    .join(", ");
  return `${days || "no days"} ${window.start}–${window.end} UTC`;
}
