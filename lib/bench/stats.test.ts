import { describe, expect, it } from "vitest";
import { perSecond, percentile, summarize } from "./stats";

describe("benchmark statistics", () => {
  it("takes percentiles by nearest rank, so each one is a measured value", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it("summarises unsorted samples", () => {
    expect(summarize([30, 10, 20])).toEqual({ count: 3, min: 10, p50: 20, p90: 30, p99: 30, max: 30, mean: 20 });
  });

  it("computes a rate per second", () => {
    expect(perSecond(500, 250)).toBe(2000);
    expect(perSecond(5, 0)).toBe(0);
  });
});
