import { describe, expect, it } from "vitest";
import { holdExpiryProblem, MAX_HOLD_SECONDS } from "./hold-expiry";

const now = new Date("2026-11-27T02:00:00Z");
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe("holdExpiryProblem", () => {
  it("accepts an expiry between five minutes and fourteen days ahead", () => {
    expect(holdExpiryProblem(at(300), now)).toBeNull();
    expect(holdExpiryProblem(at(MAX_HOLD_SECONDS), now)).toBeNull();
  });

  it("refuses a past, too near, too far or invalid expiry with a sentence", () => {
    expect(holdExpiryProblem(at(-1), now)).toBe("The expiry must be in the future.");
    expect(holdExpiryProblem(at(0), now)).toBe("The expiry must be in the future.");
    expect(holdExpiryProblem(at(299), now)).toMatch(/at least 5m/);
    expect(holdExpiryProblem(at(MAX_HOLD_SECONDS + 1), now)).toMatch(/at most 336h \(14 days\)/);
    expect(holdExpiryProblem(new Date(Number.NaN), now)).toMatch(/Give the date/);
  });
});
