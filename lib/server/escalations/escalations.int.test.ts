import { beforeAll, describe, expect, it } from "vitest";
import { db, poolOf } from "@/lib/db/client";
import { inPgTransaction } from "@/lib/db/raw-sql";
import type { TRole } from "@/lib/auth/permissions";
import { recordingJobSender } from "@/lib/jobs/queues";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import { releaseContainment } from "@/lib/server/containments/release-containment";
import { readBlocklist } from "@/lib/server/enforcement/read-blocklist";
import { ExpectedError } from "@/lib/server/errors";
import { placeHold } from "@/lib/server/holds/place-hold";
import { seedDemo } from "@/prisma/seed-demo";
import { sendAlert, wazuhBruteForce } from "@/tests/helpers/pipeline";
import { createApprovalLink } from "./approval-links";
import { answerViaLink } from "./answer-via-link";
import { approveEscalation, type TApproveEscalation } from "./approve-escalation";
import type { TResponder } from "./escalation-access";
import { countOpenEscalations, listEscalations } from "./list-escalations";
import { notifyApprovers } from "./notify-approvers";
import { rejectEscalation } from "./reject-escalation";

const PEOPLE: Record<TRole, { id: string; email: string; name: string; role: TRole }> = {
  CISO: { id: "u-ciso", email: "ciso@example.com", name: "Camille Ortiz", role: "CISO" },
  SOC: { id: "u-soc", email: "soc@example.com", name: "Sam Okafor", role: "SOC" },
  OWNER: { id: "u-owner", email: "owner@example.com", name: "Priya Raman", role: "OWNER" },
  VIEWER: { id: "u-viewer", email: "viewer@example.com", name: "Viktor Hale", role: "VIEWER" },
};
const otherOwner = { id: "u-owner-2", email: "dev@example.com", name: "Dev Patel", role: "OWNER" as const };

function as(person: { id: string; email: string; name: string; role: TRole }): { responder: TResponder; actor: TAuditActor } {
  return {
    responder: { kind: "user", role: person.role, email: person.email, name: person.name },
    actor: { kind: "USER", id: person.id, name: person.name, email: person.email, role: person.role },
  };
}

function approve(escalationId: string, person = PEOPLE.SOC, changes: Omit<TApproveEscalation, "escalationId"> = {}, jobs = recordingJobSender()) {
  return approveEscalation(db(), { input: { escalationId, ...changes }, ...as(person), jobs });
}

function reject(escalationId: string, reason: string, person = PEOPLE.SOC) {
  return rejectEscalation(db(), { input: { escalationId, reason }, ...as(person) });
}

/** A one-failure brute-force report at low severity: confidence 0.283, below the demo policy's 0.8. */
async function lowConfidenceEscalation(ip: string): Promise<string> {
  const [outcome] = await sendAlert({ source: "test-ids", id: `${ip}-${Math.random()}`, rule: "ssh-bruteforce", title: `SSH brute force from ${ip}`, severity: "low", target: { kind: "ip", value: ip } });
  expect(outcome).toMatchObject({ verdict: "escalate" });
  return outcome!.escalationId!;
}

async function blocklist(): Promise<string[]> {
  return (await readBlocklist(db())).body.split("\n");
}

async function resolvedEvents(escalationId: string) {
  const events = await db().auditEvent.findMany({ where: { type: "ESCALATION_RESOLVED" }, orderBy: { id: "asc" } });
  return events.filter((e) => (e.data as { escalationId: string }).escalationId === escalationId);
}

beforeAll(async () => {
  await seedDemo(db());
});

describe("escalations arrive with a recommendation", () => {
  it("stores the proposed action, confidence, blast radius, evidence and why it was not executed", async () => {
    const id = await lowConfidenceEscalation("91.240.119.10");
    const { open } = await listEscalations(db(), { scope: { kind: "all" }, now: new Date() });
    const item = open.find((e) => e.id === id)!;
    expect(item.recommendation).toMatchObject({ action: "block_ip", target: { kind: "ip", value: "91.240.119.10" }, confidence: 0.283, blastRadius: { count: 0 }, ttlSeconds: 4 * 3600 });
    expect(item.recommendation.whyNotExecuted).toMatch(/^Confidence 0\.283 is below the minimum 0\.8 for autonomous Block IP on external-ip/);
    expect(item).toMatchObject({ status: "OPEN", sla: "open", approvers: [] });
  });
});

describe("approve", () => {
  it("executes the recommended block through the pipeline's containment writer, audited with the approver", async () => {
    const ip = "91.240.119.11";
    const id = await lowConfidenceEscalation(ip);
    expect(await blocklist()).not.toContain(ip);
    const jobs = recordingJobSender();
    const result = await approve(id, PEOPLE.SOC, {}, jobs);
    expect(result).toMatchObject({ outcome: "executed", action: "block_ip", ttlSeconds: 4 * 3600, alreadyContained: false, modified: false });
    if (result.outcome !== "executed") throw new Error("unreachable");

    const c = await db().containment.findUniqueOrThrow({ where: { id: result.containmentId } });
    expect(c).toMatchObject({ status: "ACTIVE", targetValue: ip, action: "block_ip", policyVersion: 1 });
    expect(c.expiresAt.getTime() - c.createdAt.getTime()).toBe(4 * 3600 * 1000);
    expect(await blocklist()).toContain(ip);
    expect(jobs.sent.map((j) => j.queue)).toContain("containment.expire");

    const e = await db().escalation.findUniqueOrThrow({ where: { id } });
    expect(e).toMatchObject({ status: "APPROVED", resolvedById: "u-soc", resolvedByName: "Sam Okafor" });
    const [resolved] = await resolvedEvents(id);
    expect(resolved).toMatchObject({ actorKind: "USER", actorName: "Sam Okafor", actorEmail: "soc@example.com", containmentId: c.id, subjectValue: ip });
    expect(resolved!.data).toMatchObject({ status: "APPROVED", action: "block_ip", ttlSeconds: 14_400, containmentId: c.id });
    const executed = await db().auditEvent.findFirstOrThrow({ where: { containmentId: c.id, type: "CONTAINMENT_EXECUTED" } });
    expect(executed).toMatchObject({ actorName: "Sam Okafor" });
    expect(executed.summary).toContain("approved by Sam Okafor after escalation");
    expect((await verifyAuditChain(db())).every((r) => r.ok)).toBe(true);
  });

  it("modify: executes with a shorter TTL, and refuses a longer one or an action the target cannot take", async () => {
    const ip = "91.240.119.12";
    const id = await lowConfidenceEscalation(ip);
    const tooLong = await approve(id, PEOPLE.SOC, { ttlSeconds: 5 * 3600 }).catch((e: unknown) => e);
    expect(tooLong).toBeInstanceOf(ExpectedError);
    expect((tooLong as ExpectedError).fieldErrors.ttlSeconds?.[0]).toMatch(/At most 14400 s/);
    const wrongAction = await approve(id, PEOPLE.SOC, { action: "disable_account" }).catch((e: unknown) => e);
    expect(wrongAction).toMatchObject({ code: "BAD_INPUT", fieldErrors: { action: ["Disable account cannot be taken against an IP address."] } });
    expect(await db().escalation.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "OPEN" });

    const result = await approve(id, PEOPLE.SOC, { ttlSeconds: 1800, note: "short block while we check" });
    expect(result).toMatchObject({ outcome: "executed", ttlSeconds: 1800, modified: true });
    if (result.outcome !== "executed") throw new Error("unreachable");
    const c = await db().containment.findUniqueOrThrow({ where: { id: result.containmentId } });
    expect(c.expiresAt.getTime() - c.createdAt.getTime()).toBe(1800 * 1000);
    const [resolved] = await resolvedEvents(id);
    expect(resolved!.data).toMatchObject({ status: "APPROVED", modified: true, ttlSeconds: 1800 });
    expect(resolved!.summary).toContain("for 30m (modified from Block IP for 4h)");
  });

  it("two people answering at once: one resolution, the other is told who answered", async () => {
    const id = await lowConfidenceEscalation("91.240.119.13");
    const people = 4;
    const answers = await Promise.allSettled(
      Array.from({ length: people }, (_, i) => (i % 2 === 0 ? approve(id, PEOPLE.SOC) : reject(id, "looks like a user", PEOPLE.CISO))),
    );
    const won = answers.filter((a) => a.status === "fulfilled");
    const lost = answers.filter((a): a is PromiseRejectedResult => a.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(people - 1);
    for (const l of lost) {
      expect(l.reason).toBeInstanceOf(ExpectedError);
      expect((l.reason as ExpectedError).code).toBe("CONFLICT");
      expect((l.reason as ExpectedError).message).toMatch(/^(Sam Okafor|Camille Ortiz) already (approved|rejected) this escalation at .* UTC\. Nothing was changed/);
    }
    expect(await resolvedEvents(id)).toHaveLength(1);
    expect(await db().containment.count({ where: { targetValue: "91.240.119.13" } })).toBeLessThanOrEqual(1);
  });

  it("re-runs the decision: a hold placed since supersedes the approval, with the hold's reason", async () => {
    const ip = "91.240.119.14";
    const id = await lowConfidenceEscalation(ip);
    await placeHold(db(), {
      input: { selector: { kind: "cidr", value: "91.240.119.0/28" }, reason: "IR-2231: watching the C2 channel", expiresAt: new Date(Date.now() + 3600_000) },
      actor: as(PEOPLE.CISO).actor,
    });
    const result = await approve(id);
    expect(result.outcome).toBe("superseded");
    if (result.outcome !== "superseded") throw new Error("unreachable");
    expect(result.reasons[0]).toMatch(/^Investigation hold on 91\.240\.119\.0\/28 by Camille Ortiz until .*: 'IR-2231: watching the C2 channel' — containment suppressed$/);
    expect(await db().escalation.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SUPERSEDED", resolvedByName: "Sam Okafor" });
    expect(await db().containment.count({ where: { targetValue: ip } })).toBe(0);
    expect(await blocklist()).not.toContain(ip);
    const [resolved] = await resolvedEvents(id);
    expect(resolved!.data).toMatchObject({ status: "SUPERSEDED", containmentId: null });
    expect(resolved!.summary).toMatch(/decision has changed since it was escalated: Investigation hold/);
  });

  it("re-runs the decision: a release of the target since the escalation opened supersedes it", async () => {
    const ip = "91.240.119.40";
    const id = await lowConfidenceEscalation(ip);
    const [auto] = await sendAlert(wazuhBruteForce(ip));
    expect(auto).toMatchObject({ verdict: "execute" });
    await releaseContainment(db(), { containmentId: auto!.containmentId!, request: { reason: "False positive: our pentest" }, actor: as(PEOPLE.SOC).actor, jobs: recordingJobSender() });
    const result = await approve(id, PEOPLE.CISO);
    expect(result).toMatchObject({ outcome: "superseded", reasons: [expect.stringMatching(/^91\.240\.119\.40 was released by Sam Okafor at .* \('False positive: our pentest'\) after this escalation opened$/)] });
    expect(await blocklist()).not.toContain(ip);
  });
});

describe("reject", () => {
  it("needs a reason, contains nothing and records the reviewed inaction", async () => {
    const ip = "91.240.119.16";
    const id = await lowConfidenceEscalation(ip);
    const result = await reject(id, "Known partner scanner, ticket CHG-88");
    expect(result).toEqual({ escalationId: id, status: "REJECTED" });
    expect(await db().escalation.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "REJECTED", resolution: "Known partner scanner, ticket CHG-88", resolvedByName: "Sam Okafor" });
    expect(await db().containment.count({ where: { targetValue: ip } })).toBe(0);
    const [resolved] = await resolvedEvents(id);
    expect(resolved).toMatchObject({ actorName: "Sam Okafor", summary: "Sam Okafor rejected Block IP 91.240.119.16: Known partner scanner, ticket CHG-88 — not contained" });
    const { resolved: list } = await listEscalations(db(), { scope: { kind: "all" }, now: new Date() });
    expect(list.find((e) => e.id === id)).toMatchObject({ status: "REJECTED", sla: "answered", resolution: "Known partner scanner, ticket CHG-88" });
    await expect(approve(id)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/^Sam Okafor already rejected this escalation/) });
  });
});

describe("approval requests addressed to a named approver", () => {
  // The demo registers 10.20.0.0/16 (Payments API) "only with approval of owner@example.com", TTL at most 1 h.
  let id: string;
  beforeAll(async () => {
    const [outcome] = await sendAlert(wazuhBruteForce("10.20.7.7"));
    expect(outcome).toMatchObject({ verdict: "escalate" });
    id = outcome!.escalationId!;
  });

  it("are addressed to the approver and listed only in their queue among owners", async () => {
    expect(await db().escalation.findUniqueOrThrow({ where: { id } })).toMatchObject({ approver: "owner@example.com", approvers: ["owner@example.com"] });
    const mine = await listEscalations(db(), { scope: { kind: "addressed", email: "owner@example.com", name: "Priya Raman" }, now: new Date() });
    expect(mine.open.map((e) => e.id)).toContain(id);
    const theirs = await listEscalations(db(), { scope: { kind: "addressed", email: otherOwner.email, name: otherOwner.name }, now: new Date() });
    expect(theirs.open).toEqual([]);
    expect(await countOpenEscalations(db(), { scope: { kind: "addressed", email: otherOwner.email, name: otherOwner.name }, now: new Date() })).toEqual({ open: 0, overdue: 0 });
  });

  it("reach the approver's notifications", async () => {
    const owner = await db().user.findUniqueOrThrow({ where: { email: "owner@example.com" } });
    const notes = await db().notification.findMany({ where: { userId: owner.id, kind: "escalation.approval" } });
    expect(notes.map((n) => n.message)).toContainEqual(expect.stringMatching(/^Your approval is requested \(owner@example\.com\): Block IP 10\.20\.7\.7 \(playbook brute-force-ip .*\. Answer by .* UTC\.$/));
    expect(notes[0]).toMatchObject({ link: "/escalations", readAt: null });
    const soc = await db().user.findUniqueOrThrow({ where: { email: "soc@example.com" } });
    expect(await db().notification.count({ where: { userId: soc.id, kind: "escalation.approval" } })).toBe(0);
  });

  it("are stamped in UTC, like every other time, even in a database session of another time zone", async () => {
    await inPgTransaction(poolOf(db()), async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL TIME ZONE 'America/Los_Angeles'`);
      await notifyApprovers(tx, ["owner@example.com"], "time zone probe");
    });
    const note = await db().notification.findFirstOrThrow({ where: { message: "time zone probe" } });
    expect(Math.abs(note.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("another owner can neither approve nor reject it, and the SOC cannot approve on the approver's behalf", async () => {
    await expect(approve(id, otherOwner)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(reject(id, "not mine to judge", otherOwner)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(approve(id, PEOPLE.SOC)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/^Only owner@example\.com may approve this/) });
    expect(await db().escalation.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "OPEN" });
    expect(await resolvedEvents(id)).toEqual([]);
  });

  it("the named owner approves from the console, within the registration's TTL cap", async () => {
    const result = await approve(id, PEOPLE.OWNER);
    expect(result).toMatchObject({ outcome: "executed", action: "block_ip", ttlSeconds: 3600 });
    expect(await blocklist()).toContain("10.20.7.7");
    const [resolved] = await resolvedEvents(id);
    expect(resolved).toMatchObject({ actorName: "Priya Raman", actorRole: "OWNER" });
  });

  it("an owner cannot approve an escalation that names no approver", async () => {
    const other = await lowConfidenceEscalation("91.240.119.17");
    await expect(approve(other, PEOPLE.OWNER)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("signed approval links", () => {
  const meta = { ip: "198.51.100.30", userAgent: "approver-phone" };
  const viaLink = (token: string, answer: "approve" | "reject" = "approve", now?: Date) =>
    answerViaLink(db(), { input: answer === "approve" ? { answer, token } : { answer, token, reason: "Not during the card run" }, meta, jobs: recordingJobSender(), now });

  async function approverEscalation(ip: string): Promise<string> {
    const [outcome] = await sendAlert(wazuhBruteForce(ip));
    expect(outcome).toMatchObject({ verdict: "escalate" });
    return outcome!.escalationId!;
  }

  it("are addressed only to a named approver", async () => {
    const id = await approverEscalation("10.20.8.1");
    await expect(createApprovalLink(db(), { escalationId: id, addressee: "soc@example.com", actor: as(PEOPLE.SOC).actor })).rejects.toMatchObject({ code: "BAD_INPUT", fieldErrors: { addressee: [expect.stringContaining("owner@example.com")] } });
    expect(await db().approvalLink.count({ where: { escalationId: id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { type: "APPROVAL_LINK_ISSUED", subjectValue: "10.20.8.1" } })).toBe(0);
  });

  it("approve once as the addressee, and refuse a second use", async () => {
    const id = await approverEscalation("10.20.8.2");
    const link = await createApprovalLink(db(), { escalationId: id, addressee: "owner@example.com", actor: as(PEOPLE.SOC).actor });
    expect(link.url).toMatch(/\/approve\/[^/]+$/);
    const issued = await db().auditEvent.findFirstOrThrow({ where: { type: "APPROVAL_LINK_ISSUED", subjectValue: "10.20.8.2" } });
    expect(issued).toMatchObject({ actorName: PEOPLE.SOC.name, actorKind: "USER", data: { linkId: link.id, escalationId: id, addressee: "owner@example.com", expiresAt: link.expiresAt.toISOString() } });
    expect(issued.summary).toContain(`${PEOPLE.SOC.name} issued a single-use approval link for the escalation on 10.20.8.2 to owner@example.com, valid until`);
    expect(await viaLink(link.token)).toMatchObject({ ok: true, answer: "approve", result: { outcome: "executed", ttlSeconds: 3600 } });
    expect(await blocklist()).toContain("10.20.8.2");
    const [resolved] = await resolvedEvents(id);
    expect(resolved).toMatchObject({ actorKind: "TOKEN", actorName: "owner@example.com (approval link)", actorRole: "approval-link", ip: meta.ip });
    expect(await viaLink(link.token)).toEqual({ ok: false, refusal: "used" });
  });

  it("refuse an expired or altered link; the addressee may still reject with the genuine one", async () => {
    const id = await approverEscalation("10.20.8.3");
    const link = await createApprovalLink(db(), { escalationId: id, addressee: "owner@example.com", actor: as(PEOPLE.SOC).actor });
    expect(await viaLink(link.token, "approve", new Date(Date.now() + 25 * 3600_000))).toEqual({ ok: false, refusal: "expired" });
    const last = link.token.at(-1) === "A" ? "B" : "A";
    expect(await viaLink(`${link.token.slice(0, -1)}${last}`)).toEqual({ ok: false, refusal: "altered" });
    expect(await db().escalation.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "OPEN" });
    expect(await viaLink(link.token, "reject")).toEqual({ ok: true, answer: "reject" });
    expect(await db().escalation.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "REJECTED", resolvedByName: "owner@example.com (approval link)" });
  });

  it("give the link back when the escalation was answered meanwhile", async () => {
    const id = await approverEscalation("10.20.8.4");
    const link = await createApprovalLink(db(), { escalationId: id, addressee: "owner@example.com", actor: as(PEOPLE.SOC).actor });
    await reject(id, "handled by the SOC", PEOPLE.SOC);
    await expect(viaLink(link.token)).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await db().approvalLink.findUniqueOrThrow({ where: { id: link.id } })).usedAt).toBeNull();
  });
});

describe("overdue", () => {
  it("counts open escalations past their SLA", async () => {
    const id = await lowConfidenceEscalation("91.240.119.18");
    const e = await db().escalation.findUniqueOrThrow({ where: { id } });
    const before = await countOpenEscalations(db(), { scope: { kind: "all" }, now: new Date(e.slaDueAt.getTime() - 1000) });
    const after = await countOpenEscalations(db(), { scope: { kind: "all" }, now: new Date(e.slaDueAt.getTime() + 1000) });
    expect(after.overdue).toBeGreaterThan(before.overdue);
    const { open } = await listEscalations(db(), { scope: { kind: "all" }, now: new Date(e.slaDueAt.getTime() + 1000) });
    expect(open.find((x) => x.id === id)?.sla).toBe("overdue");
  });
});

describe("without a signed policy", () => {
  it("an approval cannot run (no TTL bounds it), and the escalation stays open", async () => {
    const id = await lowConfidenceEscalation("91.240.119.19");
    await db().policyVersion.updateMany({ where: { status: "ACTIVE" }, data: { status: "REVOKED", revokedAt: new Date(), revokeReason: "test: no policy" } });
    await expect(approve(id)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/^Block IP 91\.240\.119\.19 cannot run now: No policy cell gives this action a TTL/) });
    expect(await db().escalation.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "OPEN" });
    expect(await db().containment.count({ where: { targetValue: "91.240.119.19" } })).toBe(0);
  });
});
