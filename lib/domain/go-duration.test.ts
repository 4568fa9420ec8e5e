import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatGoDuration, formatShortDuration, parseDuration } from "./go-duration";

describe("formatGoDuration", () => {
  it.each([
    [0, "0s"], [59, "59s"], [60, "1m0s"], [240, "4m0s"], [3600, "1h0m0s"], [14_352, "3h59m12s"],
    [86_400 * 3, "72h0m0s"], [-3723, "-1h2m3s"], [-5, "-5s"], [59.9, "59s"], [-0.5, "0s"],
  ])("%s → %s", (seconds, text) => {
    expect(formatGoDuration(seconds)).toBe(text);
  });

  it("refuses non-finite input", () => {
    expect(() => formatGoDuration(Number.NaN)).toThrow(RangeError);
    expect(() => formatGoDuration(Infinity)).toThrow(RangeError);
  });
});

describe("parseDuration", { timeout: 30_000 }, () => {
  it.each([["4h", 14_400], ["30m", 1800], ["1d", 86_400], ["90s", 90], [" 1H30m ", 5400], ["3h59m12s", 14_352], ["0s", 0]])(
    "%s → %s", (text, seconds) => {
      expect(parseDuration(text)).toEqual({ ok: true, value: seconds });
    });

  it.each(["", "4", "h", "-4h", "1.5h", "4 h", "4w", "1e3s", "9".repeat(400) + "s"])("refuses %j with a hint", (text) => {
    const parsed = parseDuration(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/duration/);
  });

  it("reads back what formatGoDuration and formatShortDuration write", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), (seconds) => {
        expect(parseDuration(formatGoDuration(seconds))).toEqual({ ok: true, value: seconds });
        expect(parseDuration(formatShortDuration(seconds))).toEqual({ ok: true, value: seconds });
      }),
      { numRuns: 2000 },
    );
  });
});

describe("formatShortDuration", () => {
  it("drops zero units and never throws", () => {
    expect(formatShortDuration(14_400)).toBe("4h");
    expect(formatShortDuration(5400)).toBe("1h30m");
    expect(formatShortDuration(90)).toBe("1m30s");
    expect(formatShortDuration(0)).toBe("0s");
    expect(formatShortDuration(Infinity)).toBe("forever");
    expect(formatShortDuration(Number.NaN)).toBe("an invalid duration");
  });
});
