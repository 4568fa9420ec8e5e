import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { insertContextEvents } from "@/lib/server/context/context-store";
import { seedDemo } from "@/prisma/seed-demo";
import { sendAlert, wazuhBruteForce } from "@/tests/helpers/pipeline";
import { loadCampaignCoverage } from "./load-campaign-coverage";

// Coverage counted on known data: the demo owner's registrations (10.20.0.0/16 crown
// jewel, svc-settlement service account, business unit Payments), plus entities seen in
// alerts and context events, some inside those registrations and some not. The demo history
// seeds signals of its own around today, so this data set lives in 2031.

const now = new Date("2031-05-10T12:00:00Z");
const campaign = { scopeAssetClasses: ["crown-jewel", "service-account", "internal-ip"], scopeBusinessUnits: [], opensAt: new Date(now.getTime() - 86_400_000), cadenceDays: 30 };

beforeAll(async () => {
  await seedDemo(db());
  await sendAlert(wazuhBruteForce("10.20.7.7"));
  await sendAlert(wazuhBruteForce("10.20.7.7"));
  await sendAlert(wazuhBruteForce("203.0.113.80"));
  await db().alert.updateMany({ where: { targetValue: { in: ["10.20.7.7", "203.0.113.80"] } }, data: { receivedAt: now } });
  await db().protectedAsset.updateMany({ data: { expiresAt: null } });
  const event = { occurredAt: now, kind: "auth_failure", program: "sshd", message: "failed" } as const;
  await insertContextEvents(db(), [
    { ...event, sourceIp: "10.20.9.9", account: "SVC-Settlement", host: null },
    { ...event, sourceIp: "10.77.1.1", account: "svc-backup", host: null },
    { ...event, sourceIp: "10.77.1.1", account: "root", host: null },
    // Older than one cadence before opening: outside the window.
    { ...event, occurredAt: new Date(now.getTime() - 60 * 86_400_000), sourceIp: "10.88.1.1", account: null, host: null },
  ]);
});

describe("campaign coverage", () => {
  it("counts seen entities in scope, those a registration covers, and by owner", async () => {
    const coverage = await loadCampaignCoverage(db(), { campaign, now });
    const alertHosts = coverage.unregistered.filter((u) => u.kind === "host").map((u) => u.value);
    // Seen and in scope: 10.20.7.7, 10.20.9.9 (the crown-jewel CIDR), svc-settlement (registered),
    // 10.77.1.1 (internal IP), svc-backup (service account). Out of scope: 203.0.113.80 (external),
    // root (human account), the Wazuh sample's agent host (workstation).
    expect(alertHosts).toEqual([]);
    expect(coverage).toMatchObject({ expected: 5, covered: 3, registrations: 2 });
    expect(coverage.byOwner).toEqual([{ ownerName: "Priya Raman", businessUnit: "Payments", registrations: 2, seenCovered: 3 }]);
    expect(coverage.unregistered.map((u) => `${u.kind} ${u.value} ${u.assetClass} ×${u.sightings}`).sort()).toEqual([
      "account svc-backup service-account ×1",
      "ip 10.77.1.1 internal-ip ×2",
    ]);
  });

  it("expects nothing unregistered from a campaign scoped only by business unit", async () => {
    const coverage = await loadCampaignCoverage(db(), { campaign: { ...campaign, scopeAssetClasses: [], scopeBusinessUnits: ["Payments"] }, now });
    expect(coverage).toMatchObject({ expected: 3, covered: 3, registrations: 2, unregistered: [] });
  });
});
