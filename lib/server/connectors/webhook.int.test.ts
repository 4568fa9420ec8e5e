import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWebhookBody } from "@/lib/connectors/webhook";
import { db } from "@/lib/db/client";
import { recordingJobSender } from "@/lib/jobs/queues";
import { SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { createContainment } from "@/lib/server/containments/create-containment";
import { executePushContainment } from "@/lib/server/containments/execute-push-containment";
import { resendPendingPushes } from "@/lib/server/containments/resend-pending-pushes";
import { deliverWebhookJob } from "@/lib/server/pipeline/deliver-webhook-job";
import { notifyWebhooks } from "@/lib/server/pipeline/notify-webhooks";
import { seedDemo } from "@/prisma/seed-demo";
import { addWebhookConnector } from "./add-webhook-connector";

// A real HTTP receiver on loopback: it checks the signature as a receiver would, and
// answers with whatever status the test sets.
const received: { body: string; signature: string; timestamp: string }[] = [];
let status = 200;
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    received.push({ body, signature: String(req.headers["x-reflex-signature"]), timestamp: String(req.headers["x-reflex-timestamp"]) });
    res.writeHead(status).end();
  });
});
const SECRET = "a-shared-secret-of-some-length";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  await seedDemo(db());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  await addWebhookConnector(db(), { input: { name: "soc-hook", url, secret: SECRET }, actor: SYSTEM_ACTOR });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function pendingContainment(target: string) {
  const alert = await db().alert.create({ data: { format: "generic", source: "test", externalId: randomUUID(), ruleId: "r", title: "t", severity: "high", occurredAt: new Date(), entities: [], raw: {} } });
  const decision = await db().decision.create({
    data: { alertId: alert.id, playbookKey: "compromised-account", playbookVersion: 1, action: "revoke_sessions", targetKind: "account", targetValue: target, assetClass: "human-account", confidence: 0.9, blastRadiusCount: 1, blastRadius: { count: 1, items: [target] }, reversible: true, contextStatus: "clear", contextSummary: "", verdict: "execute", reasons: ["test"] },
  });
  const outcome = await db().$transaction((tx) =>
    createContainment(
      tx,
      { decisionId: decision.id, alertId: alert.id, action: "revoke_sessions", target: { kind: "account", value: target }, ttlSeconds: 3600, why: "test", confidence: 0.9, blastRadiusCount: 1, policyVersion: 1, signedBy: "x", playbookKey: "compromised-account", actor: SYSTEM_ACTOR, now: new Date() },
      { webhookConfigured: true },
    ),
  );
  if (!outcome.created) throw new Error("expected a new containment");
  return outcome;
}

describe("outbound webhook", () => {
  it("signs each notification so the receiver can check origin and freshness", async () => {
    received.length = 0;
    const c = await pendingContainment("jdoe");
    const jobs = recordingJobSender();
    await notifyWebhooks(db(), jobs, { kind: "containment.released", containmentId: c.id, by: "Sam", reason: "false positive" });
    expect(jobs.sent).toHaveLength(1);
    await deliverWebhookJob(db(), jobs.sent[0]!.data as never);
    const [hit] = received;
    expect(hit!.signature).toBe(signWebhookBody(SECRET, hit!.timestamp, hit!.body));
    expect(JSON.parse(hit!.body)).toMatchObject({ type: "containment.released", text: expect.stringContaining("jdoe"), releaseReason: "false positive" });
  });

  it("retries a failing push connector, audits each attempt, and gives up on the last", async () => {
    const c = await pendingContainment("asmith");
    status = 500;
    await expect(executePushContainment(db(), { containmentId: c.id, attempt: 1, finalAttempt: false })).rejects.toThrow(/500/);
    await executePushContainment(db(), { containmentId: c.id, attempt: 2, finalAttempt: true });
    const after = await db().containment.findUniqueOrThrow({ where: { id: c.id } });
    expect(after).toMatchObject({ status: "FAILED", attempts: 2 });
    const failures = await db().auditEvent.findMany({ where: { containmentId: c.id, type: "CONTAINMENT_FAILED" }, orderBy: { id: "asc" } });
    expect(failures.map((f) => (f.data as { willRetry: boolean }).willRetry)).toEqual([true, false]);
  });

  it("activates a push containment once the connector accepts it", async () => {
    const c = await pendingContainment("bwayne");
    status = 200;
    await executePushContainment(db(), { containmentId: c.id, attempt: 1, finalAttempt: false });
    expect((await db().containment.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("ACTIVE");
    expect(await db().auditEvent.count({ where: { containmentId: c.id, type: "CONTAINMENT_EXECUTED" } })).toBe(1);
  });

  it("sends the push again for a pending containment whose job never went out, and only for those", async () => {
    const lost = await pendingContainment(`lost-${randomUUID()}`);
    const tried = await pendingContainment(`tried-${randomUUID()}`);
    await db().containment.update({ where: { id: tried.id }, data: { attempts: 1 } });
    const jobs = recordingJobSender();
    const later = new Date(Date.now() + 10 * 60_000);
    await resendPendingPushes(db(), { jobs, olderThanSeconds: 120, now: later });
    const resent = jobs.sent.filter((j) => j.queue === "containment.execute").map((j) => (j.data as { containmentId: string }).containmentId);
    expect(resent).toContain(lost.id);
    expect(resent).not.toContain(tried.id);
    expect(jobs.sent.find((j) => (j.data as { containmentId: string }).containmentId === lost.id)?.options).toEqual({ singletonKey: `execute:${lost.id}` });

    const soon = recordingJobSender();
    await resendPendingPushes(db(), { jobs: soon, olderThanSeconds: 120 });
    expect(soon.sent.map((j) => (j.data as { containmentId: string }).containmentId)).not.toContain(lost.id);
  });
});
