// Durations as text. CrowdSec bouncers parse the `duration` field with Go's
// time.ParseDuration, so the bouncer API writes Go's time.Duration.String() form.
import type { TParseResult } from "./result";

function parts(seconds: number): { sign: string; h: number; m: number; s: number } {
  if (!Number.isFinite(seconds)) throw new RangeError(`Duration must be a finite number of seconds, got ${seconds}`);
  // Whole seconds, truncated toward zero like Go's integer conversion.
  const whole = Math.trunc(seconds);
  const abs = Math.abs(whole);
  return { sign: whole < 0 ? "-" : "", h: Math.floor(abs / 3600), m: Math.floor((abs % 3600) / 60), s: abs % 60 };
}

/** Go's Duration.String() for whole seconds: "3h59m12s", "4m0s", "59s", "0s", "-1h2m3s". */
export function formatGoDuration(seconds: number): string {
  const { sign, h, m, s } = parts(seconds);
  if (h > 0) return `${sign}${h}h${m}m${s}s`;
  if (m > 0) return `${sign}${m}m${s}s`;
  return `${sign}${s}s`;
}

/** For sentences: zero units left out, "4h", "1h30m", "90s" → "1m30s", 0 → "0s". Never throws. */
export function formatShortDuration(seconds: number): string {
  if (Number.isNaN(seconds)) return "an invalid duration";
  if (!Number.isFinite(seconds)) return seconds > 0 ? "forever" : "-forever";
  const { sign, h, m, s } = parts(seconds);
  const text = `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s ? `${s}s` : ""}`;
  return text === "" ? "0s" : `${sign}${text}`;
}

const UNIT_SECONDS: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1 };
const DURATION = /^(\d+[dhms])+$/;

/** "4h", "30m", "1d", "90s" or combinations such as "1h30m" (as Go prints them) → seconds. */
export function parseDuration(input: string): TParseResult<number> {
  const text = input.trim().toLowerCase();
  if (!DURATION.test(text)) {
    return { ok: false, error: `"${input}" is not a duration: write a whole number and a unit (d, h, m or s), e.g. 4h, 30m, 1d, 90s or 1h30m` };
  }
  let total = 0;
  for (const [, amount = "", unit = ""] of text.matchAll(/(\d+)([dhms])/g)) {
    total += Number(amount) * (UNIT_SECONDS[unit] ?? 0);
  }
  if (!Number.isSafeInteger(total)) return { ok: false, error: `"${input}" is too long a duration` };
  return { ok: true, value: total };
}
