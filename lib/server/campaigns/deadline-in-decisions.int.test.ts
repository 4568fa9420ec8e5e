import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { endOfDay, isoDay, startOfDay } from "@/lib/domain/campaign-dates";
import { seedDemo } from "@/prisma/seed-demo";
import { sendAlert, wazuhBruteForce } from "@/tests/helpers/pipeline";
import { describeProtection } from "./describe-protection";

// The decision names the deadline of the campaign whose scope covers the target, and the
// lookup says the same; closed campaigns and other scopes are never cited.

const DAY = 86_400_000;
const day = (offset: number) => isoDay(new Date(Date.now() + offset * DAY));
let createdById: string;

beforeAll(async () => {
  await seedDemo(db());
  createdById = (await db().user.findUniqueOrThrow({ where: { email: "soc@example.com" } })).id;
});

async function campaign(classes: string[], opensOn: string, deadlineOn: string, closed = false) {
  return db().registrationCampaign.create({
    data: { name: `c ${deadlineOn}`, scopeAssetClasses: classes, scopeBusinessUnits: ["Payments"], opensAt: startOfDay(opensOn), deadline: endOfDay(deadlineOn), cadenceDays: 90, reminderDaysBefore: [], createdById, closedAt: closed ? new Date() : null },
  });
}

async function reasonsFor(ip: string): Promise<string[]> {
  const [outcome] = await sendAlert(wazuhBruteForce(ip));
  return (await db().decision.findFirstOrThrow({ where: { alertId: outcome!.id } })).reasons as string[];
}

describe("the registration deadline in decisions", () => {
  it("says nothing of a campaign that does not cover external IPs", async () => {
    expect(await reasonsFor("192.0.2.10")).toContain("192.0.2.10 is not registered: default policy applies (as external-ip)");
  });

  it("cites the open campaign covering the class, then its passed deadline, never a closed one", async () => {
    await campaign(["external-ip"], day(-5), day(9));
    expect(await reasonsFor("192.0.2.11")).toContain(`192.0.2.11 is not registered (registration open until ${day(9)}): default policy applies (as external-ip)`);
    await campaign(["external-ip"], day(-30), day(-2));
    await campaign(["external-ip"], day(-30), day(-1), true);
    expect(await reasonsFor("192.0.2.12")).toContain(`192.0.2.12 not registered by ${day(-2)}: default policy applies (as external-ip)`);
    expect(await describeProtection(db(), { kind: "ip", value: "192.0.2.12" }, new Date())).toBe(`192.0.2.12 not registered by ${day(-2)}: default policy applies`);
  });

  it("names the registration instead when one covers the target", async () => {
    expect(await describeProtection(db(), { kind: "ip", value: "10.20.4.4" }, new Date())).toBe(
      "Registered on the protected list: 10.20.0.0/16 (Payments API, owner Priya Raman)",
    );
  });
});
