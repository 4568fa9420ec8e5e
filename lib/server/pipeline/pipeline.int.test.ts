import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { recordingJobSender } from "@/lib/jobs/queues";
import { SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import { expireDueContainments } from "@/lib/server/containments/expire-containments";
import { releaseContainment } from "@/lib/server/containments/release-containment";
import { seedDemo } from "@/prisma/seed-demo";
import { failDecisionInserts, sendAlert, wazuhBruteForce } from "@/tests/helpers/pipeline";
import { recoverUndecidedAlerts } from "./recover-undecided-alerts";
import { setKillSwitch } from "./set-kill-switch";

beforeAll(async () => {
  await seedDemo(db());
});

describe("the autonomic loop on the demo policy", () => {
  it("contains a Wazuh sshd brute force from an external IP autonomously, and signs every step", async () => {
    const jobs = recordingJobSender();
    const [outcome] = await sendAlert(wazuhBruteForce("183.62.140.253"), { jobs });
    expect(outcome).toMatchObject({ verdict: "execute", duplicate: false });
    const c = await db().containment.findUniqueOrThrow({ where: { id: outcome!.containmentId! } });
    expect(c).toMatchObject({ action: "block_ip", targetValue: "183.62.140.253", status: "ACTIVE", policyVersion: 1 });
    expect(c.expiresAt.getTime() - c.createdAt.getTime()).toBe(4 * 3600 * 1000);
    expect(await db().enforcementChange.count({ where: { containmentId: c.id, kind: "ADDED" } })).toBe(1);
    expect(jobs.sent.map((j) => j.queue)).toContain("containment.expire");

    const types = (await db().auditEvent.findMany({ where: { alertId: outcome!.id }, orderBy: { id: "asc" } })).map((e) => e.type);
    expect(types).toEqual(["ALERT_RECEIVED", "CONTEXT_QUERIED", "ASSESSED", "DECIDED", "CONTAINMENT_EXECUTED"]);
    const executed = await db().auditEvent.findFirstOrThrow({ where: { containmentId: c.id, type: "CONTAINMENT_EXECUTED" } });
    expect(executed.summary).toMatch(/^Blocked 183\.62\.140\.253 at the perimeter for 4h — .* policy v1 signed by Camille Ortiz$/);
    expect((await verifyAuditChain(db())).every((r) => r.ok)).toBe(true);
  });

  it("answers for a stored alert even when deciding it fails, and the sweep decides it later", async () => {
    // A database failure on the decision's write, for this target only.
    const failing = await failDecisionInserts("183.62.140.77");
    const [outcome] = await sendAlert(wazuhBruteForce("183.62.140.77"));
    expect(outcome).toMatchObject({ duplicate: false, verdict: null, note: expect.stringMatching(/^stored, but finishing its decision failed \(ref [0-9a-f]{8}\): Reflex retries within a minute$/) });
    expect(await db().alert.findUniqueOrThrow({ where: { id: outcome!.id } })).toMatchObject({ status: "RECEIVED" });

    await failing.stop();
    expect(await recoverUndecidedAlerts(db(), { jobs: recordingJobSender(), olderThanSeconds: 0 })).toBeGreaterThanOrEqual(1);
    expect(await db().decision.findFirst({ where: { alertId: outcome!.id } })).toMatchObject({ verdict: "execute" });
  });

  it("escalates with the evidence when the IP had legitimate traffic in the 24 h before the alert", async () => {
    // Measured in event time: the Wazuh sample fired at 2022-05-11T12:29:19Z.
    const occurredAt = new Date("2022-05-11T12:29:19.905Z");
    await db().contextEvent.create({
      data: { occurredAt: new Date(occurredAt.getTime() - 3600_000), kind: "auth_success", sourceIp: "119.137.62.142", account: "fztu", host: "LabSZ", program: "sshd", message: "Accepted password for fztu from 119.137.62.142 port 49116 ssh2" },
    });
    const [outcome] = await sendAlert(wazuhBruteForce("119.137.62.142"));
    expect(outcome).toMatchObject({ verdict: "escalate", containmentId: null });
    const escalation = await db().escalation.findUniqueOrThrow({ where: { id: outcome!.escalationId! } });
    expect(JSON.stringify(escalation.recommendation)).toContain("fztu");
    expect(await db().containment.count({ where: { targetValue: "119.137.62.142" } })).toBe(0);
  });

  it("gives concurrent duplicates of one alert exactly one decision", async () => {
    const payload = wazuhBruteForce("45.155.205.233", "dup-1");
    const results = await Promise.all([sendAlert(payload), sendAlert(payload), sendAlert(payload)]);
    const fresh = results.flat().filter((o) => !o.duplicate);
    expect(fresh).toHaveLength(1);
    const alert = await db().alert.findFirstOrThrow({ where: { externalId: "dup-1" } });
    expect(await db().decision.count({ where: { alertId: alert.id } })).toBe(1);
    expect(await db().containment.count({ where: { targetValue: "45.155.205.233" } })).toBe(1);
  });

  it("recognises a repeated Idempotency-Key", async () => {
    const first = await sendAlert(wazuhBruteForce("45.155.205.234", "idem-a"), { idempotencyKey: "key-1" });
    const again = await sendAlert(wazuhBruteForce("45.155.205.234", "idem-a"), { idempotencyKey: "key-1" });
    expect(again[0]).toMatchObject({ duplicate: true, id: first[0]!.id });
  });

  it("keeps one live containment when two different alerts hit the same target", async () => {
    const [a] = await sendAlert(wazuhBruteForce("45.155.205.235", "twice-a"));
    const [b] = await sendAlert(wazuhBruteForce("45.155.205.235", "twice-b"));
    expect(a!.verdict).toBe("execute");
    expect(b).toMatchObject({ verdict: "execute", containmentId: a!.containmentId, note: expect.stringContaining("already contained") });
  });

  it("escalates everything while the kill switch is engaged", async () => {
    await setKillSwitch(db(), { change: { engaged: true, reason: "incident review" }, actor: SYSTEM_ACTOR });
    try {
      const [outcome] = await sendAlert(wazuhBruteForce("45.155.205.236"));
      expect(outcome!.verdict).toBe("escalate");
      const decision = await db().decision.findFirstOrThrow({ where: { alertId: outcome!.id } });
      expect((decision.reasons as string[])[0]).toMatch(/Kill switch engaged/);
    } finally {
      await setKillSwitch(db(), { change: { engaged: false, reason: "review done" }, actor: SYSTEM_ACTOR });
    }
  });

  it("asks the named approver before containing an address inside a registered CIDR", async () => {
    const [outcome] = await sendAlert(wazuhBruteForce("10.20.3.4"));
    expect(outcome!.verdict).toBe("escalate");
    const decision = await db().decision.findFirstOrThrow({ where: { alertId: outcome!.id } });
    expect(decision.approver).toBe("owner@example.com");
    expect((decision.reasons as string[]).join(" ")).toMatch(/10\.20\.0\.0\/16/);
  });
});

describe("release and expiry", () => {
  it("releases once, records a second release as repeated, and tells the bouncers", async () => {
    const [outcome] = await sendAlert(wazuhBruteForce("91.240.118.172"));
    const id = outcome!.containmentId!;
    const actor = { kind: "USER" as const, id: "u1", name: "Sam Okafor" };
    const [first, second] = await Promise.all([
      releaseContainment(db(), { containmentId: id, request: { reason: "false positive" }, actor, jobs: recordingJobSender() }),
      releaseContainment(db(), { containmentId: id, request: { reason: "business impact" }, actor: { ...actor, name: "Priya Raman" }, jobs: recordingJobSender() }),
    ]);
    expect([first.alreadyReleased, second.alreadyReleased].sort()).toEqual([false, true]);
    expect(await db().enforcementChange.count({ where: { containmentId: id, kind: "REMOVED" } })).toBe(1);
    const lines = await db().auditEvent.findMany({ where: { containmentId: id, type: { in: ["CONTAINMENT_RELEASED", "RELEASE_REPEATED"] } } });
    expect(lines.map((l) => l.type).sort()).toEqual(["CONTAINMENT_RELEASED", "RELEASE_REPEATED"]);
  });

  it("holds off re-containment after a release when asked", async () => {
    const [outcome] = await sendAlert(wazuhBruteForce("91.240.118.173"));
    await releaseContainment(db(), { containmentId: outcome!.containmentId!, request: { reason: "partner scanner", holdOffSeconds: 3600 }, actor: SYSTEM_ACTOR, jobs: recordingJobSender() });
    const [again] = await sendAlert(wazuhBruteForce("91.240.118.173"));
    expect(again!.verdict).toBe("suppress");
  });

  it("expires containments whose TTL ran out", async () => {
    const [outcome] = await sendAlert(wazuhBruteForce("91.240.118.174"));
    const id = outcome!.containmentId!;
    expect(await expireDueContainments(db(), { now: new Date() })).not.toContain(id);
    const later = new Date(Date.now() + 4 * 3600 * 1000 + 1000);
    expect(await expireDueContainments(db(), { now: later })).toContain(id);
    expect((await db().containment.findUniqueOrThrow({ where: { id } })).status).toBe("EXPIRED");
    expect(await db().enforcementChange.count({ where: { containmentId: id, kind: "REMOVED" } })).toBe(1);
  });
});
