import { describe, expect, it } from "vitest";
import { campaignFor, daysUntilExpiry, expiresAtFor, registrationStanding } from "./registration-expiry";

const T = new Date("2026-03-01T10:00:00Z");
const days = (n: number) => new Date(T.getTime() + n * 86_400_000);

describe("expiresAtFor", () => {
  it("adds the cadence in whole 24-hour days, across month ends and DST dates alike", () => {
    expect(expiresAtFor(T, 90).toISOString()).toBe("2026-05-30T10:00:00.000Z");
    expect(expiresAtFor(new Date("2026-10-20T00:30:00Z"), 7).toISOString()).toBe("2026-10-27T00:30:00.000Z");
  });

  it("re-certifying starts a fresh period from the new certification", () => {
    const first = expiresAtFor(T, 30);
    const recertified = expiresAtFor(days(25), 30);
    expect(recertified.getTime() - first.getTime()).toBe(25 * 86_400_000);
  });

  it("refuses a cadence that is not a whole number of days", () => {
    expect(() => expiresAtFor(T, 0)).toThrow(RangeError);
    expect(() => expiresAtFor(T, 1.5)).toThrow(RangeError);
  });
});

describe("registrationStanding", () => {
  const expiry = days(30);
  it("is active, then expiring inside the notice window, then expired from the expiry instant", () => {
    expect(registrationStanding(expiry, T)).toBe("active");
    expect(registrationStanding(expiry, days(15.99))).toBe("active");
    expect(registrationStanding(expiry, days(16))).toBe("expiring");
    expect(registrationStanding(expiry, new Date(expiry.getTime() - 1))).toBe("expiring");
    expect(registrationStanding(expiry, expiry)).toBe("expired");
    expect(registrationStanding(expiry, days(400))).toBe("expired");
  });

  it("takes another notice window, and never expires without an expiry", () => {
    expect(registrationStanding(expiry, days(22), 7)).toBe("active");
    expect(registrationStanding(expiry, days(23), 7)).toBe("expiring");
    expect(registrationStanding(null, days(10_000))).toBe("active");
  });
});

describe("daysUntilExpiry", () => {
  it("rounds up partial days and stops at zero", () => {
    expect(daysUntilExpiry(days(30), T)).toBe(30);
    expect(daysUntilExpiry(days(0.1), T)).toBe(1);
    expect(daysUntilExpiry(days(-3), T)).toBe(0);
  });
});

describe("campaignFor", () => {
  const quarterly = { id: "q", scopeAssetClasses: ["server"], scopeBusinessUnits: [], cadenceDays: 90 };
  const monthly = { id: "m", scopeAssetClasses: [], scopeBusinessUnits: ["Payments"], cadenceDays: 30 };
  it("picks a campaign whose class or business unit covers the registration, the shortest cadence first", () => {
    expect(campaignFor([quarterly, monthly], { assetClass: "server", businessUnit: "" })?.id).toBe("q");
    expect(campaignFor([quarterly, monthly], { assetClass: "server", businessUnit: "Payments" })?.id).toBe("m");
    expect(campaignFor([quarterly, monthly], { assetClass: "workstation", businessUnit: "HR" })).toBeNull();
  });
});
