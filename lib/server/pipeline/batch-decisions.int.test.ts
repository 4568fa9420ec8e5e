import { beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, db, type TDb } from "@/lib/db/client";
import { parseAlertPayload } from "@/lib/ingest/parse-alerts";
import { recordingJobSender, type TJobSender } from "@/lib/jobs/queues";
import { SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import { seedDemo } from "@/prisma/seed-demo";
import { failDecisionInserts, sendAlert, wazuhBruteForce } from "@/tests/helpers/pipeline";
import { acceptAlerts } from "./accept-alerts";
import { planDecisions } from "./decide-alerts";
import { ingestAlerts, STORED_DUPLICATES } from "./ingest-alerts";
import { loadPlaybookConfigs } from "./load-playbook-configs";
import { recoverUndecidedAlerts } from "./recover-undecided-alerts";

// Many alerts decided as one group: every alert must end exactly as it would alone.

beforeAll(async () => {
  await seedDemo(db());
});

function parsed(payloads: unknown[]) {
  return payloads.flatMap((payload) => {
    const result = parseAlertPayload(payload, { receivedAt: new Date() });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.alerts;
  });
}

async function sendBatch(client: TDb, payloads: unknown[], jobs: TJobSender = recordingJobSender()) {
  return acceptAlerts(client, { alerts: parsed(payloads), actor: SYSTEM_ACTOR, jobs });
}

async function auditTypes(alertId: string) {
  return (await db().auditEvent.findMany({ where: { alertId }, orderBy: [{ partition: "asc" }, { partitionSeq: "asc" }] })).map((e) => e.type);
}

describe("a batch decided as one group", () => {
  it("gives every alert its own verdict, containment or escalation, and signs each one's steps in order", async () => {
    const eventAt = new Date("2022-05-11T12:29:19.905Z"); // the Wazuh sample's time
    await db().contextEvent.create({
      data: { occurredAt: new Date(eventAt.getTime() - 3600_000), kind: "auth_success", sourceIp: "119.137.62.99", account: "fztu", host: "LabSZ", program: "sshd", message: "Accepted password for fztu from 119.137.62.99 port 49116 ssh2" },
    });
    const owner = await db().user.findUniqueOrThrow({ where: { email: "owner@example.com" } });
    const notificationsBefore = await db().notification.count({ where: { userId: owner.id } });
    const unhandled = { ...(wazuhBruteForce("45.1.0.9", "batch-other-rule") as Record<string, unknown>), rule: { id: "100001", level: 3, description: "Some other rule" } };
    const jobs = recordingJobSender();

    const outcomes = await sendBatch(
      db(),
      [
        wazuhBruteForce("45.1.0.1", "batch-a"),
        wazuhBruteForce("45.1.0.2", "batch-b"),
        wazuhBruteForce("45.1.0.1", "batch-a-again"),
        wazuhBruteForce("119.137.62.99", "batch-legit"),
        wazuhBruteForce("10.20.3.99", "batch-protected"),
        unhandled,
      ],
      jobs,
    );

    const [a, b, aAgain, legit, protectedOne, other] = outcomes;
    expect(a).toMatchObject({ verdict: "execute", duplicate: false, note: null });
    expect(b).toMatchObject({ verdict: "execute" });
    expect(b!.containmentId).not.toBe(a!.containmentId);
    expect(aAgain).toMatchObject({ verdict: "execute", containmentId: a!.containmentId, note: expect.stringContaining("already contained") });
    expect(legit).toMatchObject({ verdict: "escalate", containmentId: null });
    expect(JSON.stringify((await db().escalation.findUniqueOrThrow({ where: { id: legit!.escalationId! } })).recommendation)).toContain("fztu");
    expect(protectedOne).toMatchObject({ verdict: "escalate" });
    expect(await db().escalation.findUniqueOrThrow({ where: { id: protectedOne!.escalationId! } })).toMatchObject({ approver: "owner@example.com", approvers: ["owner@example.com"], status: "OPEN" });
    expect(await db().notification.count({ where: { userId: owner.id } })).toBe(notificationsBefore + 1);
    expect(other).toMatchObject({ verdict: null, note: "no enabled playbook handles this alert" });
    expect(await db().alert.findUniqueOrThrow({ where: { id: other!.id } })).toMatchObject({ status: "REJECTED", rejectReason: expect.stringContaining('rule "wazuh:100001"') });

    expect(await db().containment.count({ where: { targetValue: "45.1.0.1", status: "ACTIVE" } })).toBe(1);
    const storedA = await db().alert.findUniqueOrThrow({ where: { id: a!.id } });
    const containedA = await db().containment.findUniqueOrThrow({ where: { id: a!.containmentId! } });
    expect(storedA.receivedAt.getTime()).toBeLessThanOrEqual(containedA.createdAt.getTime());
    expect(await db().enforcementChange.count({ where: { containmentId: a!.containmentId!, kind: "ADDED" } })).toBe(1);
    expect(jobs.sent.filter((j) => j.queue === "containment.expire").map((j) => j.data)).toEqual(
      expect.arrayContaining([{ containmentId: a!.containmentId }, { containmentId: b!.containmentId }]),
    );
    expect(jobs.sent.filter((j) => j.queue === "containment.expire")).toHaveLength(2);

    expect(await auditTypes(a!.id)).toEqual(["ALERT_RECEIVED", "CONTEXT_QUERIED", "ASSESSED", "DECIDED", "CONTAINMENT_EXECUTED"]);
    expect(await auditTypes(aAgain!.id)).toEqual(["ALERT_RECEIVED", "CONTEXT_QUERIED", "ASSESSED", "DECIDED"]);
    expect(await auditTypes(legit!.id)).toEqual(["ALERT_RECEIVED", "CONTEXT_QUERIED", "ASSESSED", "DECIDED", "ESCALATION_OPENED"]);
    expect(await auditTypes(other!.id)).toEqual(["ALERT_RECEIVED", "ALERT_REJECTED"]);
    const decisions = await db().decision.findMany({ where: { alertId: { in: outcomes.map((o) => o.id) } } });
    expect(decisions).toHaveLength(5);
    expect((await verifyAuditChain(db())).every((r) => r.ok)).toBe(true);
  });

  it("when one alert of a group cannot be decided, decides the others and says which one failed", async () => {
    const failing = await failDecisionInserts("45.2.0.2");
    try {
      const outcomes = await sendBatch(db(), [wazuhBruteForce("45.2.0.1"), wazuhBruteForce("45.2.0.2"), wazuhBruteForce("45.2.0.3")]);
      expect(outcomes.map((o) => o.verdict)).toEqual(["execute", null, "execute"]);
      expect(outcomes[1]!.note).toMatch(/^stored, but finishing its decision failed \(ref [0-9a-f]{8}\)/);
      expect(await db().alert.findUniqueOrThrow({ where: { id: outcomes[1]!.id } })).toMatchObject({ status: "RECEIVED" });
    } finally {
      await failing.stop();
    }
  });

  it("decides concurrent single requests all, grouping them without losing or doubling any", async () => {
    const ips = Array.from({ length: 40 }, (_, i) => `45.3.0.${i + 1}`);
    const outcomes = (await Promise.all(ips.map((ip) => sendAlert(wazuhBruteForce(ip))))).flat();
    expect(outcomes.map((o) => o.verdict)).toEqual(ips.map(() => "execute"));
    expect(new Set(outcomes.map((o) => o.containmentId)).size).toBe(40);
    expect(await db().containment.count({ where: { targetValue: { in: ips } } })).toBe(40);
    expect(await db().auditEvent.count({ where: { type: "CONTAINMENT_EXECUTED", subjectValue: { in: ips } } })).toBe(40);
    expect((await verifyAuditChain(db())).every((r) => r.ok)).toBe(true);
  });

  it("costs the same number of statements for 60 alerts as for 3, in one transaction", async () => {
    let statements = 0;
    let transactions = 0;
    const client = createPrismaClient(process.env.DATABASE_URL!, {
      onStatement(text) {
        statements++;
        if (/^BEGIN\b/.test(text)) transactions++;
      },
    });
    try {
      const count = async (ips: string[]) => {
        statements = 0;
        transactions = 0;
        const outcomes = await sendBatch(client, ips.map((ip) => wazuhBruteForce(ip)));
        expect(outcomes.every((o) => o.verdict === "execute")).toBe(true);
        // One transaction: the group's, not the fallback that stores and decides alert by alert.
        expect(transactions).toBe(1);
        return statements;
      };
      await count(["45.4.0.250"]); // warm-up: the first use of a client reads its connection's settings
      const small = await count(Array.from({ length: 3 }, (_, i) => `45.4.1.${i + 1}`));
      const large = await count(Array.from({ length: 60 }, (_, i) => `45.4.2.${i + 1}`));
      expect(large).toBe(small);
      expect(small).toBeGreaterThanOrEqual(10);
    } finally {
      await client.$disconnect();
    }
  });

  it("writes each alert of a group once, already in its decided state, instead of inserting and then updating it", async () => {
    const sent: string[] = [];
    const client = createPrismaClient(process.env.DATABASE_URL!, { onStatement: (text) => void sent.push(text) });
    try {
      const unhandled = { ...(wazuhBruteForce("45.4.3.9") as Record<string, unknown>), rule: { id: "100002", level: 3, description: "Another rule" } };
      const outcomes = await sendBatch(client, [wazuhBruteForce("45.4.3.1"), unhandled]);
      expect(sent.filter((text) => /UPDATE\s+"Alert"/.test(text))).toEqual([]);
      expect(await db().alert.findUniqueOrThrow({ where: { id: outcomes[0]!.id } })).toMatchObject({ status: "DECIDED", rejectReason: null });
      expect(await db().alert.findUniqueOrThrow({ where: { id: outcomes[1]!.id } })).toMatchObject({ status: "REJECTED", rejectReason: expect.stringContaining('rule "wazuh:100002"') });
      expect(await auditTypes(outcomes[1]!.id)).toEqual(["ALERT_RECEIVED", "ALERT_REJECTED"]);
    } finally {
      await client.$disconnect();
    }
  });

  it("decides the copy of a repeated alert that was stored, even when it is not the request's first copy", async () => {
    // The first copy names no target and its Idempotency-Key (K#0) is taken by an earlier
    // request, so only the second copy's row goes in: that one must get the decision.
    await acceptAlerts(db(), { alerts: parsed([wazuhBruteForce("45.4.4.1", "dup-earlier")]), idempotencyKey: "dup-key", actor: SYSTEM_ACTOR, jobs: recordingJobSender() });
    const [second] = parsed([wazuhBruteForce("45.4.4.2", "dup-same")]);
    const first = { ...second!, target: null, entities: [] };
    const outcomes = await acceptAlerts(db(), { alerts: [first, second!], idempotencyKey: "dup-key", actor: SYSTEM_ACTOR, jobs: recordingJobSender() });
    expect(outcomes[1]).toMatchObject({ duplicate: false, verdict: "execute" });
    const stored = await db().alert.findUniqueOrThrow({ where: { id: outcomes[1]!.id } });
    expect(stored.status).toBe("DECIDED");
    expect(await db().decision.count({ where: { alertId: stored.id } })).toBe(1);
    expect(outcomes[0]).toMatchObject({ duplicate: true });
  });

  it("frees a group's slot at commit: later groups run while earlier ones still queue their jobs, whose requests wait for them", async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let queued = 0;
    const slowJobs: TJobSender = {
      async send() {},
      async sendMany() {
        // The first two groups' follow-ups hang until the gate opens: as many groups as may run at once.
        if (++queued <= 2) await gate;
      },
      async sendManyWithin() {},
    };
    const answered: string[] = [];
    const first = sendBatch(db(), [wazuhBruteForce("45.7.0.1")], slowJobs).then(() => answered.push("first"));
    while (queued < 1) await new Promise((r) => setTimeout(r, 5));
    const second = sendBatch(db(), [wazuhBruteForce("45.7.0.2")], slowJobs).then(() => answered.push("second"));
    while (queued < 2) await new Promise((r) => setTimeout(r, 5));
    const third = await sendBatch(db(), [wazuhBruteForce("45.7.0.3")], slowJobs);
    expect(third[0]).toMatchObject({ verdict: "execute" });
    expect(answered).toEqual([]);
    open();
    await Promise.all([first, second]);
    expect(answered.sort()).toEqual(["first", "second"]);
  });

  it("looks up the stored copies of duplicates through the unique indexes, not by scanning every alert", async () => {
    const plan = await db().$transaction(async (tx) => {
      // On a small table the planner may scan anyway; forbidding scans shows whether an index path exists at all.
      await tx.$executeRawUnsafe(`SET LOCAL enable_seqscan = off`);
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${STORED_DUPLICATES}`, ["wazuh"], ["1"], ["key-1"]);
    });
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).not.toMatch(/Seq Scan on "Alert"/);
  });

  it("when one alert's context cannot be read, only that alert goes without it", async () => {
    const configs = await loadPlaybookConfigs(db());
    const broken = configs.map((c) => ({
      ...c,
      playbook: {
        ...c.playbook,
        matches: c.playbook.matches,
        propose: c.playbook.propose,
        // A playbook bug for one target: two questions under one id.
        questions: (alert: Parameters<typeof c.playbook.questions>[0], params: unknown) => {
          const asked = c.playbook.questions(alert, params);
          return alert.target?.value === "45.5.0.2" && asked[0] ? [asked[0], asked[0]] : asked;
        },
      },
    }));
    const alerts = parsed([wazuhBruteForce("45.5.0.1"), wazuhBruteForce("45.5.0.2"), wazuhBruteForce("45.5.0.3")]).map((alert, i) => ({ alertId: `plan-${i}`, alert }));
    const plan = await planDecisions(db(), alerts, broken);
    expect(plan.handled.map((h) => h.answers === null)).toEqual([false, true, false]);
  });

  it("the sweep decides what it can even when one stuck alert keeps failing", async () => {
    const stuck = await ingestAlerts(db(), { alerts: parsed([wazuhBruteForce("45.6.0.1"), wazuhBruteForce("45.6.0.2")]), actor: SYSTEM_ACTOR });
    const failing = await failDecisionInserts("45.6.0.1");
    try {
      await recoverUndecidedAlerts(db(), { jobs: recordingJobSender(), olderThanSeconds: 0 });
      expect((await db().alert.findUniqueOrThrow({ where: { id: stuck[0]!.alertId } })).status).toBe("RECEIVED");
      expect(await db().decision.findFirst({ where: { alertId: stuck[1]!.alertId } })).toMatchObject({ verdict: "execute" });
    } finally {
      await failing.stop();
    }
  });
});
