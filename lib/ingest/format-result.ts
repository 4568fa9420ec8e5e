// The contract every alert format module fulfils, so parse-alerts can treat them alike.
import type { TAlertFormat, TNormalizedAlert } from "@/lib/domain/types";
import type { TFieldError } from "./field-errors";

/** Formats a sender may post; "reflex-detector" alerts are made inside Reflex only. */
export type TPostableAlertFormat = Exclude<TAlertFormat, "reflex-detector">;

export type TParseContext = { receivedAt: Date };

/** Something in the payload that is valid but deliberately not turned into an alert. */
export type TSkippedItem = { path: string; reason: string };

export type TFormatResult =
  | { ok: true; alerts: TNormalizedAlert[]; skipped: TSkippedItem[] }
  | { ok: false; errors: TFieldError[] };

/** Parses one item of a batch (one JSON object as the sender posts it). */
export type TFormatParser = (item: unknown, ctx: TParseContext) => TFormatResult;

const MAX_TITLE_LENGTH = 500;

/** Vendor titles are shown in tables and audit lines: one line, bounded length. */
export function cleanTitle(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_TITLE_LENGTH ? `${line.slice(0, MAX_TITLE_LENGTH - 1)}…` : line;
}

export function formatErrors(errors: TFieldError[]): TFormatResult {
  return { ok: false, errors };
}

export function formatAlerts(alerts: TNormalizedAlert[], skipped: TSkippedItem[] = []): TFormatResult {
  return { ok: true, alerts, skipped };
}
