import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError, fieldErrorsOf } from "@/lib/server/errors";
import { seedDemo } from "@/prisma/seed-demo";
import { sendAlert, wazuhBruteForce } from "@/tests/helpers/pipeline";
import { liftHold } from "./lift-hold";
import { placeHold, ZPlaceHold } from "./place-hold";

const soc: TAuditActor = { kind: "USER", id: "u-soc", name: "Sam Okafor", email: "soc@example.com", role: "SOC" };
const ciso: TAuditActor = { kind: "USER", id: "u-ciso", name: "Camille Ortiz", email: "ciso@example.com", role: "CISO" };
const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

function fieldErrors(input: unknown): Record<string, string[]> {
  const parsed = ZPlaceHold.safeParse(input);
  return parsed.success ? {} : fieldErrorsOf(parsed.error);
}

async function hold(kind: "ip" | "cidr" | "host" | "account", value: string, reason = "IR-2231: watching the intruder's C2", hours = 2) {
  const input = ZPlaceHold.parse({ selector: { kind, value }, reason, expiresAt: inHours(hours) });
  return placeHold(db(), { input, actor: soc });
}

beforeAll(async () => {
  await seedDemo(db());
});

describe("placing a hold", () => {
  it("needs a reason and an expiry, each with its own field error", () => {
    expect(fieldErrors({ selector: { kind: "ip", value: "203.0.113.9" } })).toEqual({
      reason: [expect.stringMatching(/^Say why/)],
      expiresAt: ["Give the date and time the hold ends."],
    });
    expect(fieldErrors({ selector: { kind: "ip", value: "203.0.113.9" }, reason: "  ", expiresAt: "tomorrow" })).toEqual({
      reason: [expect.stringMatching(/at least 3 characters/)],
      expiresAt: ["Give the date and time the hold ends."],
    });
    expect(fieldErrors({ selector: { kind: "ip", value: "not-an-ip" }, reason: "IR-1", expiresAt: inHours(1) })).toEqual({ "selector.value": [expect.any(String)] });
    expect(fieldErrors({ selector: { kind: "app", value: "x" }, reason: "IR-1", expiresAt: inHours(1) })).toEqual({ "selector.kind": ["Choose IP, CIDR, host or account."] });
  });

  it("refuses an expiry in the past or beyond fourteen days, on the expiry field", async () => {
    const past = await hold("ip", "203.0.113.9", "IR-1", -1).catch((e: unknown) => e);
    expect(past).toBeInstanceOf(ExpectedError);
    expect((past as ExpectedError).fieldErrors).toEqual({ expiresAt: ["The expiry must be in the future."] });
    const far = await hold("ip", "203.0.113.9", "IR-1", 15 * 24).catch((e: unknown) => e);
    expect((far as ExpectedError).fieldErrors.expiresAt?.[0]).toMatch(/at most/);
    expect(await db().investigationHold.count({ where: { selectorValue: "203.0.113.9" } })).toBe(0);
  });

  it("canonicalises the entity and writes HOLD_PLACED in the same transaction", async () => {
    const { holdId } = await hold("cidr", "198.51.100.77/24");
    expect(await db().investigationHold.findUniqueOrThrow({ where: { id: holdId } })).toMatchObject({ kind: "INVESTIGATION", selectorKind: "cidr", selectorValue: "198.51.100.0/24", placedByName: "Sam Okafor" });
    const placed = await db().auditEvent.findFirstOrThrow({ where: { type: "HOLD_PLACED", subjectValue: "198.51.100.0/24" } });
    expect(placed).toMatchObject({ actorName: "Sam Okafor", subjectKind: "cidr" });
    expect(placed.data).toMatchObject({ holdId, kind: "INVESTIGATION", reason: "IR-2231: watching the intruder's C2" });
  });
});

describe("a hold's effect on decisions", () => {
  it("suppresses containment of a covered entity, and the decision names the hold; lifting it restores autonomy", async () => {
    const { holdId } = await hold("cidr", "91.240.120.0/24", "IR-77: observing lateral movement, do not tip our hand");
    const [held] = await sendAlert(wazuhBruteForce("91.240.120.5"));
    expect(held).toMatchObject({ verdict: "suppress", containmentId: null });
    const decision = await db().decision.findFirstOrThrow({ where: { targetValue: "91.240.120.5" } });
    expect((decision.reasons as string[])[0]).toMatch(/^Investigation hold on 91\.240\.120\.0\/24 by Sam Okafor until .*: 'IR-77: observing lateral movement, do not tip our hand' — containment suppressed$/);
    const decided = await db().auditEvent.findFirstOrThrow({ where: { type: "DECIDED", decisionId: decision.id } });
    expect(decided.summary).toContain("Investigation hold on 91.240.120.0/24");

    const [outside] = await sendAlert(wazuhBruteForce("91.240.121.5"));
    expect(outside).toMatchObject({ verdict: "execute" });

    await liftHold(db(), { input: { holdId, reason: "IR-77 closed: intruder evicted" }, actor: ciso });
    const lifted = await db().auditEvent.findFirstOrThrow({ where: { type: "HOLD_LIFTED", subjectValue: "91.240.120.0/24" } });
    expect(lifted).toMatchObject({ actorName: "Camille Ortiz", summary: "Camille Ortiz lifted the investigation hold on 91.240.120.0/24 early: 'IR-77 closed: intruder evicted'" });
    const [after] = await sendAlert(wazuhBruteForce("91.240.120.5"));
    expect(after).toMatchObject({ verdict: "execute" });
  });

  it("an expired hold withholds nothing", async () => {
    const { holdId } = await hold("ip", "91.240.122.5");
    await db().investigationHold.update({ where: { id: holdId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const [outcome] = await sendAlert(wazuhBruteForce("91.240.122.5"));
    expect(outcome).toMatchObject({ verdict: "execute" });
  });

  it("lifting twice lifts once; the second person is told", async () => {
    const { holdId } = await hold("account", "svc-backup");
    await liftHold(db(), { input: { holdId, reason: "done" }, actor: soc });
    await expect(liftHold(db(), { input: { holdId, reason: "done too" }, actor: ciso })).rejects.toMatchObject({ code: "CONFLICT", message: "This hold on svc-backup was already lifted by Sam Okafor. Nothing changed." });
    expect(await db().auditEvent.count({ where: { type: "HOLD_LIFTED", subjectValue: "svc-backup" } })).toBe(1);
  });
});
