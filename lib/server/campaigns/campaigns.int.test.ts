import { beforeAll, describe, expect, it, vi } from "vitest";
import { ROLES, type TRole } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { isoDay } from "@/lib/domain/campaign-dates";
import { seedDemo } from "@/prisma/seed-demo";
import { signInAs } from "@/tests/api/session-mock";
import { loadOwnerCampaigns } from "./load-owner-campaigns";

// Opening, editing and closing campaigns through the server actions the console calls:
// who may, what is refused with which field error, and the audit event each change writes.
vi.mock("@/lib/server/auth/current-user", () => import("@/tests/api/session-mock"));
vi.mock("@/lib/server/http/request-meta", () => ({
  currentRequestMeta: async () => ({ ip: "127.0.0.1", userAgent: "vitest" }),
  requestMetaFrom: () => ({ ip: "127.0.0.1", userAgent: "vitest" }),
}));

const actions = await import("@/app/(console)/campaigns/actions");

const DAY = 86_400_000;
const day = (offset: number) => isoDay(new Date(Date.now() + offset * DAY));
const terms = (overrides: Record<string, unknown> = {}) => ({
  name: "Protected list — e2e quarter",
  scopeAssetClasses: ["external-ip", "server"],
  scopeBusinessUnits: ["Payments"],
  opensOn: day(-3),
  deadlineOn: day(10),
  cadenceDays: "90",
  reminderDaysBefore: "7, 1",
  ...overrides,
});

const auditOf = (campaignId: string) =>
  db().auditEvent.findMany({ where: { type: "CAMPAIGN_CHANGED", subjectValue: campaignId }, orderBy: { id: "asc" }, select: { actorName: true, data: true, summary: true } });

beforeAll(async () => {
  await seedDemo(db());
});

describe("who may manage campaigns", () => {
  const MAY: Record<TRole, boolean> = { CISO: true, SOC: true, OWNER: false, VIEWER: false };
  for (const role of ROLES) {
    it(`${role} ${MAY[role] ? "may" : "may not"} open a campaign`, async () => {
      await signInAs(role);
      const before = await db().registrationCampaign.count();
      const result = await actions.openCampaignAction(terms({ name: `By ${role}` }));
      expect(result.ok).toBe(MAY[role]);
      if (!result.ok) expect(result.code).toBe("FORBIDDEN");
      expect(await db().registrationCampaign.count()).toBe(before + (MAY[role] ? 1 : 0));
    });
  }

  it("refuses owners and viewers editing or closing one", async () => {
    await signInAs("SOC");
    const opened = await actions.openCampaignAction(terms());
    if (!opened.ok) throw new Error(opened.message);
    for (const role of ["OWNER", "VIEWER"] as const) {
      await signInAs(role);
      expect(await actions.editCampaignAction({ campaignId: opened.data.id, ...terms({ name: "Hijacked" }) })).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await actions.closeCampaignAction({ campaignId: opened.data.id, reason: "not mine" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await auditOf(opened.data.id)).toHaveLength(1);
  });
});

describe("campaign validation", () => {
  it("refuses a deadline before the opening date, on the deadline field, and writes nothing", async () => {
    await signInAs("SOC");
    const before = await db().registrationCampaign.count();
    const result = await actions.openCampaignAction(terms({ opensOn: day(5), deadlineOn: day(2) }));
    expect(result).toMatchObject({ ok: false, code: "BAD_INPUT", fieldErrors: { deadlineOn: ["The deadline must be after the opening date."] } });
    expect(await db().registrationCampaign.count()).toBe(before);
  });

  it("refuses opening a campaign whose deadline has passed, and a zero cadence", async () => {
    await signInAs("CISO");
    expect(await actions.openCampaignAction(terms({ opensOn: day(-20), deadlineOn: day(-1) }))).toMatchObject({
      ok: false,
      fieldErrors: { deadlineOn: ["The deadline has passed already: owners would have no time to register."] },
    });
    expect(await actions.openCampaignAction(terms({ cadenceDays: "0", reminderDaysBefore: "0" }))).toMatchObject({
      ok: false,
      fieldErrors: { cadenceDays: ["The cadence must be at least 1 day."], reminderDaysBefore: [expect.stringContaining("between 1 and 365")] },
    });
  });
});

describe("a campaign's life, in the audit log", () => {
  it("opens, edits (deadline moved into the past ends the window) and closes, one event each", async () => {
    await signInAs("SOC");
    const opened = await actions.openCampaignAction(terms());
    if (!opened.ok) throw new Error(opened.message);
    const id = opened.data.id;
    const stored = await db().registrationCampaign.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ cadenceDays: 90, reminderDaysBefore: [7, 1], scopeAssetClasses: ["external-ip", "server"] });
    expect(stored.deadline.toISOString()).toBe(`${day(10)}T23:59:59.999Z`);

    const edited = await actions.editCampaignAction({ campaignId: id, ...terms({ deadlineOn: day(-1), reminderDaysBefore: "" }) });
    expect(edited.ok).toBe(true);
    expect(isoDay((await db().registrationCampaign.findUniqueOrThrow({ where: { id } })).deadline)).toBe(day(-1));

    expect(await actions.closeCampaignAction({ campaignId: id, reason: "x" })).toMatchObject({ ok: false, fieldErrors: { reason: [expect.any(String)] } });
    expect((await actions.closeCampaignAction({ campaignId: id, reason: "Quarter done" })).ok).toBe(true);
    expect(await actions.closeCampaignAction({ campaignId: id, reason: "Again" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await actions.editCampaignAction({ campaignId: id, ...terms() })).toMatchObject({ ok: false, code: "CONFLICT" });

    const events = await auditOf(id);
    expect(events.map((e) => (e.data as { change: string }).change)).toEqual(["opened", "edited", "closed"]);
    expect(events.every((e) => e.actorName === "Sam Okafor")).toBe(true);
    expect(events[1]!.summary).toContain(`deadline was ${day(10)}`);
    expect(events[2]!.summary).toBe(`Sam Okafor closed registration campaign "Protected list — e2e quarter": Quarter done`);
  });
});

describe("an owner's home", () => {
  it("lists the open campaigns that ask the owner, with days left, and not closed or other-scope ones", async () => {
    await signInAs("CISO");
    const asks = await actions.openCampaignAction(terms({ name: "Payments round", scopeAssetClasses: [], scopeBusinessUnits: ["Payments"], deadlineOn: day(12) }));
    const other = await actions.openCampaignAction(terms({ name: "Retail round", scopeAssetClasses: ["workstation"], scopeBusinessUnits: ["Retail"] }));
    if (!asks.ok || !other.ok) throw new Error("campaigns not opened");
    const owner = await db().user.findUniqueOrThrow({ where: { email: "owner@example.com" } });
    const home = await loadOwnerCampaigns(db(), { ownerId: owner.id, now: new Date() });
    const mine = home.campaigns.find((c) => c.id === asks.data.id);
    expect(mine).toMatchObject({ name: "Payments round", daysLeft: 12, daysLeftLabel: "12 days left", registeredInScope: 2 });
    expect(home.campaigns.some((c) => c.id === other.data.id)).toBe(false);
  });
});
