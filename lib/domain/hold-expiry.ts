// Investigation holds withhold containment, so they must end by themselves: an expiry is
// required, in the future, and bounded — a forgotten hold would be a permanent allow-list.
import { formatShortDuration } from "./go-duration";

export const MIN_HOLD_SECONDS = 5 * 60;
export const MAX_HOLD_SECONDS = 14 * 24 * 3600;

/** Why this expiry is refused, as a sentence for the field; null when it is acceptable. */
export function holdExpiryProblem(expiresAt: Date, now: Date): string | null {
  const seconds = (expiresAt.getTime() - now.getTime()) / 1000;
  if (Number.isNaN(seconds)) return "Give the date and time the hold ends.";
  if (seconds <= 0) return "The expiry must be in the future.";
  if (seconds < MIN_HOLD_SECONDS) return `A hold lasts at least ${formatShortDuration(MIN_HOLD_SECONDS)}.`;
  if (seconds > MAX_HOLD_SECONDS) return `A hold lasts at most ${formatShortDuration(MAX_HOLD_SECONDS)} (${MAX_HOLD_SECONDS / 86_400} days); place a new one when it ends if the investigation needs it.`;
  return null;
}
