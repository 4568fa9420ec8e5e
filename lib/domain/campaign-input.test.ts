import { describe, expect, it } from "vitest";
import { campaignDates, ZCampaignInput } from "./campaign-input";
import { applicableDeadline, campaignAsksOwner, campaignCovers } from "./campaign-scope";

const valid = {
  name: "Protected list — Q1 2027",
  scopeAssetClasses: ["server"],
  scopeBusinessUnits: [],
  opensOn: "2027-01-04",
  deadlineOn: "2027-02-01",
  cadenceDays: "90",
  reminderDaysBefore: "14, 7 1",
};

function errors(input: Record<string, unknown>): Record<string, string[]> {
  const parsed = ZCampaignInput.safeParse(input);
  if (parsed.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (out[issue.path.join(".")] ??= []).push(issue.message);
  return out;
}

describe("campaign input", () => {
  it("accepts a quarterly campaign and sorts its reminder points", () => {
    const parsed = ZCampaignInput.parse(valid);
    expect(parsed).toMatchObject({ cadenceDays: 90, reminderDaysBefore: [14, 7, 1] });
    expect(campaignDates(parsed)).toEqual({ opensAt: new Date("2027-01-04T00:00:00.000Z"), deadline: new Date("2027-02-01T23:59:59.999Z") });
  });

  it("refuses a deadline on or before the opening date, on the deadline field", () => {
    expect(errors({ ...valid, deadlineOn: "2027-01-03" })).toEqual({ deadlineOn: ["The deadline must be after the opening date."] });
    expect(errors({ ...valid, deadlineOn: "2027-01-04" })).toEqual({ deadlineOn: ["The deadline must be after the opening date."] });
  });

  it("refuses dates that are not dates", () => {
    expect(errors({ ...valid, opensOn: "2027-02-30" })).toHaveProperty("opensOn", ["The opening date is not a real date."]);
    expect(errors({ ...valid, deadlineOn: "next friday" })).toHaveProperty("deadlineOn", ["Enter the deadline as a date (YYYY-MM-DD)."]);
  });

  it("wants a cadence of at least a day", () => {
    expect(errors({ ...valid, cadenceDays: "0" })).toEqual({ cadenceDays: ["The cadence must be at least 1 day."] });
    expect(errors({ ...valid, cadenceDays: "2.5" })).toEqual({ cadenceDays: ["Enter a whole number of days."] });
  });

  it("wants sensible reminder points", () => {
    expect(Object.keys(errors({ ...valid, reminderDaysBefore: "7, zero" }))).toEqual(["reminderDaysBefore"]);
    expect(errors({ ...valid, reminderDaysBefore: "7, 7" })).toEqual({ reminderDaysBefore: ["Each reminder point once only."] });
    expect(errors({ ...valid, reminderDaysBefore: "30, 7" })).toEqual({
      reminderDaysBefore: ["A reminder 30 days before the deadline would come before the campaign opens (it runs 29 days)."],
    });
    expect(ZCampaignInput.parse({ ...valid, reminderDaysBefore: "" }).reminderDaysBefore).toEqual([]);
  });

  it("needs a scope", () => {
    expect(errors({ ...valid, scopeAssetClasses: [] })).toEqual({ scopeAssetClasses: ["Pick at least one asset class or business unit."] });
  });
});

describe("campaign scope", () => {
  const scope = { scopeAssetClasses: ["server"], scopeBusinessUnits: ["Payments"] };
  it("covers an asset by class or by business unit", () => {
    expect(campaignCovers(scope, { assetClass: "server" })).toBe(true);
    expect(campaignCovers(scope, { assetClass: "workstation", businessUnit: "Payments" })).toBe(true);
    expect(campaignCovers(scope, { assetClass: "workstation", businessUnit: "Retail" })).toBe(false);
    expect(campaignCovers(scope, { assetClass: "external-ip", businessUnit: "" })).toBe(false);
  });

  it("asks owners with something in scope, and owners who registered nothing yet", () => {
    expect(campaignAsksOwner(scope, [])).toBe(true);
    expect(campaignAsksOwner(scope, [{ assetClass: "workstation", businessUnit: "Retail" }, { assetClass: "server", businessUnit: "" }])).toBe(true);
    expect(campaignAsksOwner(scope, [{ assetClass: "workstation", businessUnit: "Retail" }])).toBe(false);
  });
});

describe("the deadline a decision cites", () => {
  const now = new Date("2026-12-20T12:00:00Z");
  const c = (deadline: string, classes: string[], extra: Partial<{ opensAt: Date; closedAt: Date | null }> = {}) => ({
    scopeAssetClasses: classes,
    scopeBusinessUnits: ["Payments"],
    opensAt: new Date("2026-11-01T00:00:00Z"),
    deadline: new Date(`${deadline}T23:59:59.999Z`),
    closedAt: null,
    ...extra,
  });

  it("prefers the latest passed deadline of a campaign covering the class", () => {
    const campaigns = [c("2026-12-01", ["external-ip"]), c("2026-12-15", ["external-ip"]), c("2026-12-18", ["server"]), c("2026-12-30", ["external-ip"])];
    expect(applicableDeadline(campaigns, "external-ip", now)?.toISOString()).toBe("2026-12-15T23:59:59.999Z");
  });

  it("falls back to the nearest open deadline, and ignores closed, scheduled and other-scope campaigns", () => {
    const campaigns = [
      c("2026-12-10", ["external-ip"], { closedAt: new Date("2026-12-05T00:00:00Z") }),
      c("2027-01-31", ["external-ip"], { opensAt: new Date("2027-01-01T00:00:00Z") }),
      c("2026-12-28", ["external-ip"]),
      c("2026-12-24", ["internal-ip"]),
    ];
    expect(applicableDeadline(campaigns, "external-ip", now)?.toISOString()).toBe("2026-12-28T23:59:59.999Z");
    expect(applicableDeadline(campaigns, "workstation", now)).toBeNull();
  });
});
