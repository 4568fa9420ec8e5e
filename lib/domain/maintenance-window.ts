// Maintenance windows: weekly UTC time slots in which an owner accepts automatic
// containment. `daysOfWeek` are the days a window starts on; a window whose end is not
// after its start runs past midnight into the next day (so "00:00"–"00:00" is a whole day).
import type { TParseResult } from "./result";
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

/** "Mon,Tue 02:00-04:00; Sat 00:00-06:00": how CSV files write a list of windows. */
export function formatWindowsText(windows: readonly TMaintenanceWindow[]): string {
  return windows
    .map((w) => `${[...new Set(w.daysOfWeek)].sort((a, b) => a - b).map((d) => DAY_NAMES[d] ?? String(d)).join(",")} ${w.start}-${w.end}`)
    .join("; ");
}

const WINDOW_TEXT = /^([A-Za-z,\s]+?)\s+(\d\d:\d\d)\s*[-–]\s*(\d\d:\d\d)$/;

/** The inverse of formatWindowsText; names the part that does not read as a window. */
export function parseWindowsText(input: string): TParseResult<TMaintenanceWindow[]> {
  const windows: TMaintenanceWindow[] = [];
  for (const part of input.split(";").map((p) => p.trim()).filter((p) => p !== "")) {
    const match = WINDOW_TEXT.exec(part);
    const days = match?.[1]?.split(",").map((d) => DAY_NAMES.findIndex((n) => n.toLowerCase() === d.trim().slice(0, 3).toLowerCase()));
    const [start = "", end = ""] = [match?.[2], match?.[3]];
    if (!match || !days || days.includes(-1) || minutesOfDay(start) === null || minutesOfDay(end) === null) {
      return { ok: false, error: `"${part}" is not a maintenance window: write days and UTC times like "Mon,Tue 02:00-04:00", several separated by ";"` };
    }
    windows.push({ daysOfWeek: [...new Set(days)].sort((a, b) => a - b), start, end });
  }
  return { ok: true, value: windows };
}
