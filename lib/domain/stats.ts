// Summary statistics the console reports. percentileCont interpolates between the two
// nearest values exactly like PostgreSQL's percentile_cont, so a figure computed here and
// one computed in SQL (lib/server/dashboard) agree to the last digit.

/** The p-th percentile (0 ≤ p ≤ 1) with linear interpolation; null for no values. */
export function percentileCont(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export function median(values: readonly number[]): number | null {
  return percentileCont(values, 0.5);
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** part / whole, or null when there is no whole to divide by (never NaN on a page). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
