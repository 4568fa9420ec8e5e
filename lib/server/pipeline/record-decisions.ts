import { randomUUID } from "node:crypto";
import type { TRawSql } from "@/lib/db/raw-sql";
import { compareText } from "@/lib/domain/compare-text";
import type { TActivePolicy, TDecision, TNormalizedAlert, TProposal, TRegistration } from "@/lib/domain/types";
import type { AuditType } from "@/lib/generated/prisma";
import { appendAuditEvents, SYSTEM_ACTOR, type TAuditActor, type TAuditInput } from "@/lib/server/audit/append-audit";
import { insertContainments, type TContainmentOutcome } from "@/lib/server/containments/create-containment";
import { notifyApprovers } from "@/lib/server/escalations/notify-approvers";
import { insertRows } from "@/lib/server/db/insert-rows";
import { automationActor } from "./automation-actor";

// Act and sign, for a whole batch inside the caller's transaction: the decisions, what they
// did and every audit line about them commit together, or not at all, in a fixed number of
// statements however many alerts the batch holds. Jobs for connectors and expiry are sent
// by the caller after the commit, so a job never refers to a containment that was rolled back.

export type TEvaluation = {
  proposal: TProposal;
  decision: TDecision;
  policy: TActivePolicy | null;
  /** The registrations the decision saw: they name the approvers an escalation goes to. */
  registrations: readonly TRegistration[];
};

export type TRecordedDecision = {
  decisionId: string;
  decision: TDecision;
  containment: TContainmentOutcome | null;
  escalationId: string | null;
};

export type TClaim = { alertId: string; status: "DECIDED" | "REJECTED"; rejectReason: string | null };

/**
 * Claims stored alerts for this transaction: of two workers deciding an alert at once, one
 * gets the row (locked until commit) and the other finds it no longer RECEIVED. The new
 * status commits with the decision or rolls back with it. Returns the ids claimed here.
 */
export async function claimReceivedAlerts(tx: TRawSql, unordered: readonly TClaim[]): Promise<Set<string>> {
  if (unordered.length === 0) return new Set();
  // Rows locked in one order everywhere, so two claimants of overlapping alerts cannot deadlock.
  const claims = [...unordered].sort((a, b) => compareText(a.alertId, b.alertId));
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "Alert" a SET "status" = c."status"::"AlertStatus", "rejectReason" = c."reason"
    FROM unnest(${claims.map((c) => c.alertId)}::text[], ${claims.map((c) => c.status)}::text[], ${claims.map((c) => c.rejectReason)}::text[])
      AS c("id", "status", "reason")
    WHERE a."id" = c."id" AND a."status" = 'RECEIVED'
    RETURNING a."id"`;
  return new Set(rows.map((r) => r.id));
}

/** "No playbook acts on this": the alert stays for context, and the log says why. */
export function rejectionAudit(alertId: string, alert: TNormalizedAlert, reason: string): TAuditInput<"ALERT_REJECTED"> {
  return {
    type: "ALERT_REJECTED",
    actor: SYSTEM_ACTOR,
    subject: { kind: alert.target?.kind, value: alert.target?.value, alertId },
    data: { reason, format: alert.format, source: alert.source, externalId: alert.externalId },
    summary: `No playbook acts on "${alert.title}" (${alert.ruleId}); recorded for context`,
  };
}

const DECISION_COLUMNS = [
  "id", "alertId", "playbookKey", "playbookVersion", "policyVersionId", "policyVersion", "action", "targetKind", "targetValue",
  "assetClass", "confidence", "blastRadiusCount", "blastRadius", "reversible", "contextStatus", "contextSummary", "verdict",
  "wouldHaveVerdict", "reasons", "recommendation", "approver", "ttlSeconds", "registrationIds", "createdAt",
] as const;

type TDecided = { alertId: string; evaluation: TEvaluation };
type TWritten = TDecided & { decisionId: string; actor: TAuditActor; subject: Record<string, unknown> };

export async function writeDecisions(
  tx: TRawSql,
  decided: readonly TDecided[],
  options: { now: Date; webhookConfigured: boolean; leadingAudit?: readonly TAuditInput<AuditType>[] },
): Promise<TRecordedDecision[]> {
  const createdAt = new Date();
  const written: TWritten[] = decided.map((d) => {
    const { proposal, policy } = d.evaluation;
    const decisionId = randomUUID();
    const subject = { kind: proposal.target.kind, value: proposal.target.value, alertId: d.alertId, decisionId, policyVersion: policy?.version ?? null, playbookKey: proposal.playbook.key };
    return { ...d, decisionId, actor: automationActor(proposal.playbook, policy?.version ?? null), subject };
  });
  await insertRows(tx, {
    table: "Decision",
    columns: DECISION_COLUMNS,
    rows: written.map(({ alertId, decisionId, evaluation: { proposal, decision, policy } }) => ({
      id: decisionId,
      alertId,
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
      blastRadius: proposal.blastRadius,
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
      createdAt,
    })),
  });

  const executed = written.filter((w) => w.evaluation.decision.verdict === "execute" && w.evaluation.decision.ttlSeconds);
  const containments = await insertContainments(
    tx,
    executed.map(({ alertId, decisionId, actor, evaluation: { proposal, decision, policy } }) => ({
      decisionId,
      alertId,
      action: proposal.action,
      target: { kind: proposal.target.kind, value: proposal.target.value },
      ttlSeconds: decision.ttlSeconds!,
      why: [proposal.rationale, proposal.context.summary].filter(Boolean).join("; "),
      confidence: proposal.confidence,
      blastRadiusCount: proposal.blastRadius.count,
      policyVersion: policy?.version ?? null,
      signedBy: policy?.signedBy ?? null,
      playbookKey: proposal.playbook.key,
      actor,
      now: options.now,
    })),
    { webhookConfigured: options.webhookConfigured },
  );
  const containmentOf = new Map(executed.map((w, i) => [w.decisionId, containments.outcomes[i]!]));
  const escalations = await openEscalations(tx, written.filter((w) => w.evaluation.decision.verdict === "escalate"), options.now);
  // Signed in one append at the end, so the transaction holds its chain's head only from
  // here to its commit. Not earlier, with the group's reads, though that would save a round
  // trip: a group holding the head while its containment insert waits on a release's
  // uncommitted row would deadlock with that release, which updates the containment first
  // and takes the head last. Each alert's lines keep their order: its reasoning (context,
  // assessment, verdict) before what the verdict did.
  await appendAuditEvents(tx, [...(options.leadingAudit ?? []), ...written.flatMap(reasoningAudit), ...containments.audit, ...escalations.audit]);
  const escalationOf = escalations.ids;
  return written.map((w) => ({
    decisionId: w.decisionId,
    decision: w.evaluation.decision,
    containment: containmentOf.get(w.decisionId) ?? null,
    escalationId: escalationOf.get(w.decisionId) ?? null,
  }));
}

function reasoningAudit({ actor, subject, evaluation: { proposal, decision, policy } }: TWritten): TAuditInput<AuditType>[] {
  const target = { kind: proposal.target.kind, value: proposal.target.value };
  const evidence = proposal.context.status === "conflicting" ? proposal.context.evidence : [];
  return [
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
  ];
}

/** Each approver the registrations that shaped the decision name, so the queue can address each one. */
function namedApprovers(evaluation: TEvaluation): string[] {
  if (!evaluation.decision.approver) return [];
  const shaping = new Set(evaluation.decision.registrationIds);
  return [...new Set(evaluation.registrations.filter((r) => shaping.has(r.id)).flatMap((r) => r.requirements.approvalBy ?? []))];
}

const ESCALATION_COLUMNS = ["id", "decisionId", "approver", "approvers", "slaDueAt", "recommendation", "createdAt"] as const;

async function openEscalations(tx: TRawSql, escalated: readonly TWritten[], now: Date): Promise<{ ids: Map<string, string>; audit: TAuditInput<AuditType>[] }> {
  if (escalated.length === 0) return { ids: new Map(), audit: [] };
  const createdAt = new Date();
  const opened = escalated.map((w) => {
    const { proposal, decision, policy } = w.evaluation;
    const slaDueAt = new Date(now.getTime() + (policy?.document.escalationSlaMinutes ?? 30) * 60_000);
    const recommendation = decision.recommendation ?? `Review ${proposal.action} on ${proposal.target.value}`;
    return { w, id: randomUUID(), slaDueAt, recommendation, approvers: namedApprovers(w.evaluation) };
  });
  await insertRows(tx, {
    table: "Escalation",
    columns: ESCALATION_COLUMNS,
    rows: opened.map(({ w, id, slaDueAt, recommendation, approvers }) => {
      const { proposal, decision } = w.evaluation;
      return {
        id,
        decisionId: w.decisionId,
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
        },
        createdAt,
      };
    }),
  });
  // Named approvers are rare (an owner's "only with approval of …"): one lookup each is fine.
  for (const { approvers, recommendation, slaDueAt } of opened) {
    await notifyApprovers(tx, approvers, `Your approval is requested (${approvers.join(" and ")}): ${recommendation}. Answer by ${slaDueAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`);
  }
  const audit = opened.map(({ w, id, slaDueAt, recommendation }): TAuditInput<"ESCALATION_OPENED"> => {
    const { proposal, decision } = w.evaluation;
    return {
      type: "ESCALATION_OPENED",
      actor: w.actor,
      subject: w.subject,
      data: { escalationId: id, recommendation, approver: decision.approver, slaDueAt: slaDueAt.toISOString() },
      summary: `Escalated ${proposal.action} on ${proposal.target.value} for review${decision.approver ? ` by ${decision.approver}` : ""} — ${decision.reasons[0] ?? ""}. Recommendation: ${recommendation}`,
    };
  });
  return { ids: new Map(opened.map((o) => [o.w.decisionId, o.id])), audit };
}
