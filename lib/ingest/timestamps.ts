// Timestamps as senders really write them: ISO 8601 with or without a zone, "+0000"
// offsets (Wazuh), a space instead of "T" (Prowler), epoch seconds or milliseconds
// (OCSF says milliseconds, producers send both), and numbers inside strings (Splunk `_time`).
import { z } from "zod";

// Epoch values below this are seconds (1e11 s is the year 5138; 1e11 ms is 1973).
const SECONDS_CUTOFF = 1e11;
const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const EPOCH_TEXT = /^\d{9,16}(?:\.\d+)?$/;

function fromEpoch(value: number): Date | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  const date = new Date(value < SECONDS_CUTOFF ? value * 1000 : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function fromIsoLike(text: string): Date | null {
  const m = ISO_LIKE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "", zone = "Z"] = m;
  const ms = Number(frac.padEnd(3, "0").slice(0, 3));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(utc);
  // Date.UTC rolls "02-30" into March; a date that rolled was not a date.
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return null;
  return new Date(utc - zoneOffsetMinutes(zone) * 60_000);
}

function zoneOffsetMinutes(zone: string): number {
  if (zone.toUpperCase() === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0"));
}

/**
 * A Date from whatever a sender put in a time field, or null. Text without a zone is UTC:
 * every sample that omits it (Prowler, Splunk-exported ISO) was written in UTC.
 */
export function parseTimestamp(value: unknown): Date | null {
  if (typeof value === "number") return fromEpoch(value);
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (EPOCH_TEXT.test(text)) return fromEpoch(Number(text));
  return fromIsoLike(text);
}

/**
 * The first candidate that is a plausible time, or null. Years before 1990 are
 * placeholders, e.g. Alertmanager's "0001-01-01T00:00:00Z" for "not set".
 */
export function plausibleTime(...candidates: unknown[]): Date | null {
  for (const candidate of candidates) {
    const date = parseTimestamp(candidate);
    if (date && date.getUTCFullYear() >= 1990) return date;
  }
  return null;
}

/** The first plausible candidate, else `fallback` (when Reflex received the alert). */
export function firstTime(fallback: Date, ...candidates: unknown[]): Date {
  return plausibleTime(...candidates) ?? fallback;
}

/** A strict time field for Reflex's own formats: ISO 8601 with a zone, or epoch s/ms, after 1990. */
export const ZTimestamp = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const strictText = typeof value === "string" && !EPOCH_TEXT.test(value.trim());
  const date = plausibleTime(value);
  if (!date || (strictText && !/(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim()))) {
    ctx.addIssue({
      code: "custom",
      message: `${JSON.stringify(value)} is not a time: use ISO 8601 with a zone (2025-01-31T12:00:00Z) or epoch seconds`,
    });
    return z.NEVER;
  }
  return date;
});
