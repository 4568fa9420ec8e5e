import { beforeAll, describe, expect, it, vi } from "vitest";
import type { TRole } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { seedDemo } from "@/prisma/seed-demo";
import { signInAs } from "@/tests/api/session-mock";
import { sendAlert, wazuhBruteForce } from "@/tests/helpers/pipeline";

// The console's server actions, per role, with a stand-in session: who may answer which
// escalation and who may place holds is enforced on the server, not by hiding buttons.
vi.mock("@/lib/server/auth/current-user", () => import("@/tests/api/session-mock"));
vi.mock("@/lib/server/http/request-meta", () => ({
  currentRequestMeta: async () => ({ ip: "127.0.0.1", userAgent: "vitest" }),
  requestMetaFrom: () => ({ ip: "127.0.0.1", userAgent: "vitest" }),
}));
vi.mock("@/lib/jobs/boss", async () => ({ bossJobSender: (await import("@/lib/jobs/queues")).recordingJobSender() }));

const escalations = await import("@/app/(console)/escalations/actions");
const holds = await import("@/app/(console)/holds/actions");

let n = 0;
async function lowConfidenceEscalation(): Promise<string> {
  const ip = `91.240.123.${++n}`;
  const [outcome] = await sendAlert({ source: "test-ids", id: `${ip}-${Math.random()}`, rule: "ssh-bruteforce", title: "SSH brute force", severity: "low", target: { kind: "ip", value: ip } });
  expect(outcome).toMatchObject({ verdict: "escalate" });
  return outcome!.escalationId!;
}

beforeAll(async () => {
  await seedDemo(db());
});

describe("answering escalations through the console's actions", () => {
  const EXPECTED: Record<TRole, string> = { CISO: "ok", SOC: "ok", OWNER: "NOT_FOUND", VIEWER: "FORBIDDEN" };
  for (const role of ["CISO", "SOC", "OWNER", "VIEWER"] as const) {
    it(`${role}: approve an escalation that names no approver → ${EXPECTED[role]}`, async () => {
      const escalationId = await lowConfidenceEscalation();
      await signInAs(role);
      const result = await escalations.approveEscalationAction({ escalationId });
      expect(result.ok ? "ok" : result.code).toBe(EXPECTED[role]);
      const rejected = await escalations.rejectEscalationAction({ escalationId, reason: "not a threat" });
      expect(rejected.ok ? "ok" : rejected.code).toBe(role === "CISO" || role === "SOC" ? "CONFLICT" : EXPECTED[role]);
      expect((await db().escalation.findUniqueOrThrow({ where: { id: escalationId } })).status).toBe(EXPECTED[role] === "ok" ? "APPROVED" : "OPEN");
    });
  }

  it("the named owner approves their request; the SOC may send them a link but not approve for them", async () => {
    const [outcome] = await sendAlert(wazuhBruteForce("10.20.9.9"));
    const escalationId = outcome!.escalationId!;
    await signInAs("SOC");
    expect(await escalations.approveEscalationAction({ escalationId })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await escalations.createApprovalLinkAction({ escalationId, addressee: "owner@example.com" })).toMatchObject({ ok: true, data: { url: expect.stringMatching(/\/approve\//) } });
    await signInAs("OWNER");
    expect(await escalations.createApprovalLinkAction({ escalationId, addressee: "owner@example.com" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await escalations.assignEscalationAction({ escalationId })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await escalations.approveEscalationAction({ escalationId })).toMatchObject({ ok: true, data: { outcome: "executed", ttlSeconds: 3600 } });
  });

  it("a rejection without a reason is refused on the reason field", async () => {
    const escalationId = await lowConfidenceEscalation();
    await signInAs("SOC");
    expect(await escalations.rejectEscalationAction({ escalationId, reason: " " })).toMatchObject({ ok: false, code: "BAD_INPUT", fieldErrors: { reason: [expect.stringMatching(/^Say why/)] } });
  });
});

describe("holds through the console's actions", () => {
  const input = () => ({ selector: { kind: "ip", value: "203.0.113.50" }, reason: "IR-9: watching", expiresAt: new Date(Date.now() + 3600_000).toISOString() });

  it("only SOC and CISO place and lift holds", async () => {
    for (const role of ["OWNER", "VIEWER"] as const) {
      await signInAs(role);
      expect(await holds.placeHoldAction(input())).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    await signInAs("CISO");
    const placed = await holds.placeHoldAction(input());
    expect(placed).toMatchObject({ ok: true });
    const holdId = placed.ok ? placed.data.holdId : "";
    await signInAs("OWNER");
    expect(await holds.liftHoldAction({ holdId, reason: "done" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    await signInAs("SOC");
    expect(await holds.liftHoldAction({ holdId, reason: "done" })).toMatchObject({ ok: true });
  });

  it("a hold without reason or expiry gets a field error for each", async () => {
    await signInAs("SOC");
    const result = await holds.placeHoldAction({ selector: { kind: "ip", value: "203.0.113.51" } });
    expect(result).toMatchObject({ ok: false, code: "BAD_INPUT", fieldErrors: { reason: [expect.any(String)], expiresAt: ["Give the date and time the hold ends."] } });
    expect(await db().investigationHold.count({ where: { selectorValue: "203.0.113.51" } })).toBe(0);
  });
});
