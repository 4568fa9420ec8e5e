// Classic syslog stamps ("Dec 10 06:55:46") carry no year. The first line takes the year
// that puts it at or before the reference date (when the file was received); later lines
// follow the file, moving to the next year when the months wrap from December to January.
export const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

export type TSyslogStamp = { month: number; day: number; hour: number; minute: number; second: number };

/** Clock skew allowed between the log's host and Reflex before a line counts as "future". */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;
/** A Feb 29 line may be up to 8 years back (7 non-leap years then a leap year). */
const MAX_YEARS_BACK = 8;

/** The instant of `stamp` in `year`, or null if that day does not exist (Feb 29). */
export function stampInstant(stamp: TSyslogStamp, year: number, utcOffsetMinutes: number): Date | null {
  const utc = Date.UTC(year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second);
  const date = new Date(utc - utcOffsetMinutes * 60_000);
  return new Date(utc).getUTCDate() === stamp.day ? date : null;
}

/** The latest year in which `stamp` is not after `reference` (give or take a day of skew). */
export function inferYear(stamp: TSyslogStamp, reference: Date, utcOffsetMinutes = 0): number {
  const latest = reference.getTime() + FUTURE_TOLERANCE_MS;
  const start = reference.getUTCFullYear() + 1;
  for (let year = start; year > start - MAX_YEARS_BACK - 1; year--) {
    const instant = stampInstant(stamp, year, utcOffsetMinutes);
    if (instant && instant.getTime() <= latest) return year;
  }
  return reference.getUTCFullYear();
}

/**
 * The year of the next line given the previous line's month. Only a jump of more than
 * half a year counts as a wrap, so a few lines written out of order across a month
 * boundary (Jan 31 after Feb 1) do not move the year; a backwards wrap (Jan → Dec,
 * interleaved writers at New Year) moves it back.
 */
export function followYear(year: number, previousMonth: number, month: number): number {
  if (previousMonth - month > 6) return year + 1;
  if (month - previousMonth > 6) return year - 1;
  return year;
}
