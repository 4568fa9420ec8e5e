import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { decide } from "@/lib/domain/decide";
import { approvalVerdict, modificationProblems, proposalFromDecision, type TStoredRecommendation } from "@/lib/domain/escalation-review";
import { formatShortDuration } from "@/lib/domain/go-duration";
import { ACTION_LABELS, ACTION_TYPES, type TActionType } from "@/lib/domain/types";
import type { TJobSender } from "@/lib/jobs/queues";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { createContainment, type TContainmentOutcome } from "@/lib/server/containments/create-containment";
import { followUpContainment } from "@/lib/server/containments/follow-up-containment";
import { ExpectedError } from "@/lib/server/errors";
import { loadDecisionState } from "@/lib/server/pipeline/load-decision-state";
import { alreadyResolved, claimEscalation } from "./claim-escalation";
import { assertMayApprove, type TResponder } from "./escalation-access";

export const ZApproveEscalation = z.object({
  escalationId: z.uuid("Unknown escalation."),
  /** Modify: another action suited to the target, instead of the recommended one. */
  action: z.enum(ACTION_TYPES, "Choose one of the listed actions.").optional(),
  /** Modify: a shorter containment than the policy's TTL. */
  ttlSeconds: z.number("Give the TTL in seconds.").int("Whole seconds.").min(60, "At least 60 seconds.").optional(),
  note: z.string().trim().max(500, "At most 500 characters.").optional(),
});
export type TApproveEscalation = z.infer<typeof ZApproveEscalation>;

export type TApproveResult =
  | { outcome: "executed"; containmentId: string; alreadyContained: boolean; action: TActionType; ttlSeconds: number; modified: boolean }
  | { outcome: "superseded"; reasons: string[] };

// One approval re-runs one decision's steps; under a flood it may wait for a connection or
// a chain head as long as a pipeline group does.
const APPROVAL_TX = { timeout: 30_000, maxWait: 30_000 };

/**
 * Approves (or modifies, then approves) an escalation: decide() runs again on the stored
 * proposal against today's policy, registrations and holds, and the approval executes
 * through the pipeline's own containment writer only if nothing now protects the target.
 * Otherwise the escalation is closed as SUPERSEDED with the reasons that changed.
 */
export async function approveEscalation(
  client: TDb,
  options: { input: TApproveEscalation; responder: TResponder; actor: TAuditActor; jobs: TJobSender; now?: Date },
): Promise<TApproveResult> {
  const { input, actor } = options;
  const now = options.now ?? new Date();
  const result = await client.$transaction(async (tx) => {
    const e = await tx.escalation.findUnique({ where: { id: input.escalationId }, include: { decision: true } });
    if (!e) throw new ExpectedError("NOT_FOUND", "No escalation with that id.");
    assertMayApprove(e, options.responder);
    if (e.status !== "OPEN") throw await alreadyResolved(tx, e.id);
    const d = e.decision;
    const rec = e.recommendation as TStoredRecommendation;
    const action = input.action ?? (d.action as TActionType);
    const modified = action !== d.action || input.ttlSeconds !== undefined;
    // An action the target cannot take is bad input, whatever the decision says today.
    const wrongAction = modificationProblems({ targetKind: d.targetKind, action, ttlSeconds: undefined, maxTtlSeconds: Infinity });
    if (wrongAction) throw new ExpectedError("BAD_INPUT", "Some fields need fixing.", wrongAction);
    const proposal = proposalFromDecision(d, rec.evidence ?? [], action);
    const state = await loadDecisionState(tx, proposal.target, now);
    const redecision = decide({ proposal, ...state, now });
    const released = await tx.containment.findFirst({
      where: { targetKind: d.targetKind, targetValue: d.targetValue, status: "RELEASED", endedAt: { gt: e.createdAt } },
      orderBy: { endedAt: "desc" },
      select: { releasedByName: true, releaseReason: true, endedAt: true },
    });
    const verdict = approvalVerdict({
      redecision,
      releasedSince: released ? { by: released.releasedByName ?? "someone", reason: released.releaseReason ?? "", at: released.endedAt! } : null,
      target: d.targetValue,
    });
    const subject = { kind: d.targetKind, value: d.targetValue, alertId: d.alertId, decisionId: d.id, policyVersion: state.policy?.version ?? d.policyVersion, playbookKey: d.playbookKey };
    const what = `${ACTION_LABELS[action]} ${d.targetValue}`;

    if (!verdict.ok && !verdict.superseded) {
      throw new ExpectedError("CONFLICT", `${what} cannot run now: ${verdict.reasons.join("; ")}. The escalation stays open; reject it, or approve once a signed policy gives it a TTL.`);
    }
    if (!verdict.ok) {
      const resolution = `Approval by ${actor.name} did not execute: ${verdict.reasons.join("; ")}`;
      await claimEscalation(tx, { escalationId: e.id, status: "SUPERSEDED", actor, resolution, now });
      await appendAudit(tx, {
        type: "ESCALATION_RESOLVED",
        actor,
        subject,
        data: { escalationId: e.id, status: "SUPERSEDED", resolution, action, ttlSeconds: null, containmentId: null, reasons: verdict.reasons },
        summary: `${actor.name} approved ${what}, but the decision has changed since it was escalated: ${verdict.reasons[0]} — nothing executed`,
      });
      return { outcome: "superseded" as const, reasons: verdict.reasons };
    }
    const problems = modificationProblems({ targetKind: d.targetKind, action, ttlSeconds: input.ttlSeconds, maxTtlSeconds: verdict.ttlSeconds });
    if (problems) throw new ExpectedError("BAD_INPUT", "Some fields need fixing.", problems);
    const ttlSeconds = input.ttlSeconds ?? verdict.ttlSeconds;
    const change = modified ? ` (modified from ${ACTION_LABELS[d.action as TActionType]}${rec.ttlSeconds ? ` for ${formatShortDuration(rec.ttlSeconds)}` : ""})` : "";
    const resolution = `Approved by ${actor.name}: ${what} for ${formatShortDuration(ttlSeconds)}${change}${input.note ? ` — ${input.note}` : ""}`;
    await claimEscalation(tx, { escalationId: e.id, status: "APPROVED", actor, resolution, now });
    const containment: TContainmentOutcome = await createContainment(
      tx,
      {
        decisionId: d.id,
        alertId: d.alertId,
        action,
        target: { kind: d.targetKind, value: d.targetValue },
        ttlSeconds,
        why: `approved by ${actor.name} after escalation (${rec.whyNotExecuted || "needed a human decision"})`,
        confidence: d.confidence,
        blastRadiusCount: d.blastRadiusCount,
        policyVersion: state.policy?.version ?? null,
        signedBy: state.policy?.signedBy ?? null,
        playbookKey: d.playbookKey,
        actor,
        now,
      },
      { webhookConfigured: state.webhookConfigured },
    );
    const containmentId = containment.created ? containment.id : containment.existingId;
    await appendAudit(tx, {
      type: "ESCALATION_RESOLVED",
      actor,
      subject: { ...subject, containmentId },
      data: { escalationId: e.id, status: "APPROVED", resolution, action, ttlSeconds, containmentId, reasons: redecision.reasons, modified },
      summary: `${actor.name} approved ${what} for ${formatShortDuration(ttlSeconds)}${change}${containment.created ? "" : "; it was already contained"}`,
    });
    return { outcome: "executed" as const, containment, containmentId, action, ttlSeconds, modified };
  }, APPROVAL_TX);
  if (result.outcome === "superseded") return result;
  await followUpContainment(client, options.jobs, result.containment);
  return { outcome: "executed", containmentId: result.containmentId, alreadyContained: !result.containment.created, action: result.action, ttlSeconds: result.ttlSeconds, modified: result.modified };
}
