import { describe, expect, it } from "vitest";
import { mean, median, percentileCont, ratio } from "./stats";

describe("stats", () => {
  it("interpolates percentiles like PostgreSQL's percentile_cont", () => {
    // SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY v) FROM unnest('{10,20,30,40}'::float8[]) v → 37
    expect(percentileCont([40, 10, 30, 20], 0.9)).toBeCloseTo(37, 10);
    expect(percentileCont([5], 0.9)).toBe(5);
    expect(percentileCont([1, 2, 3, 4, 5], 0)).toBe(1);
    expect(percentileCont([1, 2, 3, 4, 5], 1)).toBe(5);
  });

  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([0.9, 0.7, 0.8])).toBe(0.8);
    expect(median([0.6, 0.9, 0.7, 0.8])).toBeCloseTo(0.75, 10);
  });

  it("reports nothing for nothing instead of NaN", () => {
    expect(median([])).toBeNull();
    expect(mean([])).toBeNull();
    expect(ratio(3, 0)).toBeNull();
    expect(mean([1, 2, 6])).toBe(3);
    expect(ratio(1, 4)).toBe(0.25);
  });

  it("does not reorder the caller's array", () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});
