import type { TDb, TTx } from "@/lib/db/client";
import type { TActivePolicy, TDecision, TNormalizedAlert, TProposal } from "@/lib/domain/types";
import type { Prisma } from "@/lib/generated/prisma";
import type { TJobSender } from "@/lib/jobs/queues";
import { appendAudit, appendAuditEvents, SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { createContainment, type TContainmentOutcome } from "@/lib/server/containments/create-containment";
import { followUpContainment } from "@/lib/server/containments/follow-up-containment";
import { notifyApprovers } from "@/lib/server/escalations/notify-approvers";
import { readRequirements } from "@/lib/domain/requirements-schema";
import { automationActor } from "./automation-actor";

// Act and sign: the decision, what it did and every audit line about it commit together,
// or not at all. Jobs for connectors and expiry are sent after the commit, so a job never
// refers to a containment that was rolled back; the minute sweep covers a crash in between.

export type TEvaluation = { proposal: TProposal; decision: TDecision; policy: TActivePolicy | null; webhookConfigured: boolean };

export type TRecordedDecision = {
  decisionId: string;
  decision: TDecision;
  containment: TContainmentOutcome | null;
  escalationId: string | null;
};

type TRequest =
  | { kind: "unhandled"; alertId: string; alert: TNormalizedAlert; jobs: TJobSender; now: Date }
  | { kind: "decide"; alertId: string; alert: TNormalizedAlert; jobs: TJobSender; now: Date; evaluate: (tx: TTx, now: Date) => Promise<TEvaluation> };

// Under a flood, waiting for a connection or a partition's chain head can exceed Prisma's
// default 5 s: a decision is slow then, but must not be dropped.
const DECISION_TX = { timeout: 30_000, maxWait: 30_000 };

/**
 * Claims a stored alert for this transaction: of two workers deciding it at once, one gets
 * the row (locked until commit) and the other finds it no longer RECEIVED. The new status
 * commits with the decision or rolls back with it.
 */
async function claimReceivedAlert(tx: TTx, alertId: string, status: "DECIDED" | "REJECTED", rejectReason: string | null = null): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "Alert" SET "status" = ${status}::"AlertStatus", "rejectReason" = ${rejectReason}
    WHERE "id" = ${alertId} AND "status" = 'RECEIVED' RETURNING "id"`;
  return rows.length === 1;
}

export async function recordDecision(client: TDb, request: TRequest): Promise<TRecordedDecision | null> {
  if (request.kind === "unhandled") {
    await client.$transaction(async (tx) => {
      const reason = `No enabled playbook handles rule "${request.alert.ruleId}"; the alert is kept for context.`;
      if (!(await claimReceivedAlert(tx, request.alertId, "REJECTED", reason))) return;
      await appendAudit(tx, {
        type: "ALERT_REJECTED",
        actor: SYSTEM_ACTOR,
        subject: { kind: request.alert.target?.kind, value: request.alert.target?.value, alertId: request.alertId },
        data: { reason, format: request.alert.format, source: request.alert.source, externalId: request.alert.externalId },
        summary: `No playbook acts on "${request.alert.title}" (${request.alert.ruleId}); recorded for context`,
      });
    });
    return null;
  }
  const result = await client.$transaction(async (tx) => {
    if (!(await claimReceivedAlert(tx, request.alertId, "DECIDED"))) return null;
    const evaluation = await request.evaluate(tx, request.now);
    return { ...(await writeDecision(tx, request, evaluation)), evaluation };
  }, DECISION_TX);
  if (!result) return null;
  await followUpContainment(client, request.jobs, result.containment);
  return { decisionId: result.decisionId, decision: result.evaluation.decision, containment: result.containment, escalationId: result.escalationId };
}

async function writeDecision(tx: TTx, request: Extract<TRequest, { kind: "decide" }>, evaluation: TEvaluation) {
  const { proposal, decision, policy } = evaluation;
  const actor = automationActor(proposal.playbook, policy?.version ?? null);
  const target = { kind: proposal.target.kind, value: proposal.target.value };
  const created = await tx.decision.create({
    data: {
      alertId: request.alertId,
      playbookKey: proposal.playbook.key,
      playbookVersion: proposal.playbook.version,
      policyVersionId: policy?.id ?? null,
      policyVersion: policy?.version ?? null,
      action: proposal.action,
      targetKind: proposal.target.kind,
      targetValue: proposal.target.value,
      assetClass: decision.assetClass,
      confidence: proposal.confidence,
      blastRadiusCount: proposal.blastRadius.count,
      blastRadius: proposal.blastRadius as unknown as Prisma.InputJsonValue,
      reversible: proposal.reversible,
      contextStatus: proposal.context.status,
      contextSummary: proposal.context.summary,
      verdict: decision.verdict,
      wouldHaveVerdict: decision.wouldHaveVerdict ?? null,
      reasons: decision.reasons,
      recommendation: decision.recommendation,
      approver: decision.approver,
      ttlSeconds: decision.ttlSeconds,
      registrationIds: decision.registrationIds,
    },
  });
  const subject = { ...target, alertId: request.alertId, decisionId: created.id, policyVersion: policy?.version ?? null, playbookKey: proposal.playbook.key };
  const evidence = proposal.context.status === "conflicting" ? proposal.context.evidence : [];
  // The three steps of the loop's reasoning, signed in one statement.
  await appendAuditEvents(tx, [
    {
      type: "CONTEXT_QUERIED",
      actor,
      subject,
      data: { question: `Context for ${target.kind} ${target.value} (playbook ${proposal.playbook.key})`, status: proposal.context.status, answer: proposal.context.summary, evidence },
      summary: `Checked context for ${target.value}: ${proposal.context.summary}`,
    },
    {
      type: "ASSESSED",
      actor,
      subject,
      data: { playbook: proposal.playbook.key, playbookVersion: proposal.playbook.version, action: proposal.action, target, confidence: proposal.confidence, blastRadius: proposal.blastRadius, reversible: proposal.reversible, rationale: proposal.rationale },
      summary: `Assessed ${target.value}: propose ${proposal.action} at confidence ${proposal.confidence.toFixed(2)}, blast radius ${proposal.blastRadius.count} — ${proposal.rationale}`,
    },
    {
      type: "DECIDED",
      actor,
      subject,
      data: { verdict: decision.verdict, reasons: decision.reasons, assetClass: decision.assetClass, policyVersion: policy?.version ?? null, ttlSeconds: decision.ttlSeconds, recommendation: decision.recommendation, approver: decision.approver, registrationIds: decision.registrationIds },
      summary: `Verdict ${decision.verdict} for ${proposal.action} on ${target.value}: ${decision.reasons[0] ?? ""}`,
    },
  ]);

  let containment: TContainmentOutcome | null = null;
  let escalationId: string | null = null;
  if (decision.verdict === "execute" && decision.ttlSeconds) {
    containment = await createContainment(
      tx,
      {
        decisionId: created.id,
        alertId: request.alertId,
        action: proposal.action,
        target,
        ttlSeconds: decision.ttlSeconds,
        why: [proposal.rationale, proposal.context.summary].filter(Boolean).join("; "),
        confidence: proposal.confidence,
        blastRadiusCount: proposal.blastRadius.count,
        policyVersion: policy?.version ?? null,
        signedBy: policy?.signedBy ?? null,
        playbookKey: proposal.playbook.key,
        actor,
        now: request.now,
      },
      { webhookConfigured: evaluation.webhookConfigured },
    );
  } else if (decision.verdict === "escalate") {
    escalationId = await openEscalation(tx, { decisionId: created.id, proposal, decision, policy, subject, actor, now: request.now });
  }
  return { decisionId: created.id, containment, escalationId };
}

async function openEscalation(
  tx: TTx,
  input: { decisionId: string; proposal: TProposal; decision: TDecision; policy: TActivePolicy | null; subject: Record<string, unknown>; actor: ReturnType<typeof automationActor>; now: Date },
): Promise<string> {
  const { proposal, decision, policy } = input;
  const slaMinutes = policy?.document.escalationSlaMinutes ?? 30;
  const slaDueAt = new Date(input.now.getTime() + slaMinutes * 60_000);
  const recommendation = decision.recommendation ?? `Review ${proposal.action} on ${proposal.target.value}`;
  const approvers = decision.approver ? await namedApprovers(tx, decision.registrationIds) : [];
  const escalation = await tx.escalation.create({
    data: {
      decisionId: input.decisionId,
      approver: decision.approver,
      approvers,
      slaDueAt,
      recommendation: {
        action: proposal.action,
        target: { kind: proposal.target.kind, value: proposal.target.value },
        confidence: proposal.confidence,
        blastRadius: proposal.blastRadius,
        evidence: proposal.context.status === "conflicting" ? proposal.context.evidence : [proposal.context.summary],
        whyNotExecuted: decision.reasons[0] ?? "",
        recommendation,
        ttlSeconds: decision.ttlSeconds,
      } as Prisma.InputJsonValue,
    },
  });
  await notifyApprovers(tx, approvers, `Your approval is requested (${approvers.join(" and ")}): ${recommendation}. Answer by ${slaDueAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`);
  await appendAudit(tx, {
    type: "ESCALATION_OPENED",
    actor: input.actor,
    subject: input.subject,
    data: { escalationId: escalation.id, recommendation, approver: decision.approver, slaDueAt: slaDueAt.toISOString() },
    summary: `Escalated ${proposal.action} on ${proposal.target.value} for review${decision.approver ? ` by ${decision.approver}` : ""} — ${decision.reasons[0] ?? ""}. Recommendation: ${recommendation}`,
  });
  return escalation.id;
}

/** Each approver the matching registrations name, so the queue can address each one. */
async function namedApprovers(tx: TTx, registrationIds: string[]): Promise<string[]> {
  const rows = await tx.protectedAsset.findMany({ where: { id: { in: registrationIds } }, select: { requirements: true } });
  return [...new Set(rows.flatMap((r) => readRequirements(r.requirements).approvalBy ?? []))];
}
