// How the dashboard and the rehearsal view print their figures: one place, so a table,
// its chart's tooltip and the CSV export round the same way.
import { formatScore } from "./decide-wording";
import { formatShortDuration } from "./go-duration";

export const NO_FIGURE = "—";

/** 0.125 → "12.5%"; null (nothing to divide by) → "—". */
export function formatPercent(ratio: number | null): string {
  return ratio === null ? NO_FIGURE : `${Number((ratio * 100).toFixed(1))}%`;
}

/** Seconds → "4h12m" (whole seconds); null → "—". */
export function formatSeconds(seconds: number | null): string {
  return seconds === null ? NO_FIGURE : formatShortDuration(Math.round(seconds));
}

export function formatConfidence(value: number | null): string {
  return value === null ? NO_FIGURE : formatScore(value);
}
