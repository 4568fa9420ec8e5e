import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { TRegistrationInput } from "@/lib/domain/registration-input";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { seedDemo } from "@/prisma/seed-demo";
import { sendAlert, wazuhBruteForce } from "@/tests/helpers/pipeline";
import { createRegistration } from "./create-registration";
import { deleteRegistration } from "./delete-registration";
import { ALL_REGISTRATIONS } from "./registration-scope";

// The decision engine against registrations made through the services: a live one holds
// the containment back and the reason names it and its owner; a deleted or lapsed one no
// longer protects, and the default policy applies.

const actor: TAuditActor = { kind: "USER", name: "Sam Okafor" };
let ownerId: string;

beforeAll(async () => {
  await seedDemo(db());
  ownerId = (await db().user.findUniqueOrThrow({ where: { email: "owner@example.com" } })).id;
});

function register(cidr: string) {
  const input: TRegistrationInput & { ownerId: string } = {
    selector: { kind: "cidr", value: cidr },
    businessService: "Partner VPN",
    businessUnit: "",
    assetClass: "external-ip",
    criticality: "HIGH",
    justification: "Partner gateways",
    onCallContact: "netops",
    ownerId,
    requirements: { neverAutomatic: true, allowedActions: null, approvalBy: null, maxTtlSeconds: null, preferredAction: null, maintenanceWindows: [] },
  };
  return createRegistration(db(), { input, scope: ALL_REGISTRATIONS, actor, actorUserId: null, via: "console" });
}

async function decide(ip: string) {
  const [outcome] = await sendAlert(wazuhBruteForce(ip));
  const decision = await db().decision.findFirstOrThrow({ where: { alertId: outcome!.id } });
  return { verdict: outcome!.verdict, reasons: decision.reasons as string[] };
}

describe("registrations in decisions", () => {
  it("a live registration escalates, naming itself and its owner; once deleted it no longer protects", async () => {
    const reg = await register("198.51.100.0/24");
    const held = await decide("198.51.100.9");
    expect(held.verdict).toBe("escalate");
    expect(held.reasons).toContain("198.51.100.0/24 (Partner VPN, owner Priya Raman) is registered as never automatic: containment waits for a human");

    await deleteRegistration(db(), { id: reg.id, scope: ALL_REGISTRATIONS, actor });
    const after = await decide("198.51.100.10");
    expect(after.reasons).toContain("198.51.100.10 is not registered: default policy applies (as external-ip)");
    expect(after.reasons.join("\n")).not.toMatch(/Partner VPN|never automatic/);
  });

  it("an expired registration no longer protects", async () => {
    const reg = await register("203.0.113.0/24");
    expect((await decide("203.0.113.5")).verdict).toBe("escalate");
    await db().protectedAsset.update({ where: { id: reg.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const lapsed = await decide("203.0.113.6");
    expect(lapsed.reasons).toContain("203.0.113.6 is not registered: default policy applies (as external-ip)");
    expect(lapsed.reasons.join("\n")).not.toMatch(/Partner VPN|never automatic/);
  });
});
