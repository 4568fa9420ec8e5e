import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { ACTION_LABELS, type TActionType } from "@/lib/domain/types";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";
import { alreadyResolved, claimEscalation } from "./claim-escalation";
import { assertMayAnswer, type TResponder } from "./escalation-access";

export const ZRejectEscalation = z.object({
  escalationId: z.uuid("Unknown escalation."),
  reason: z.string("Say why it is rejected.").trim().min(3, "Say why (at least 3 characters): it is the record of a reviewed inaction.").max(500, "At most 500 characters."),
});
export type TRejectEscalation = z.infer<typeof ZRejectEscalation>;

/** Rejects an escalation: nothing is contained, and the reason is the reviewed inaction's record. */
export async function rejectEscalation(
  client: TDb,
  options: { input: TRejectEscalation; responder: TResponder; actor: TAuditActor; now?: Date },
): Promise<{ escalationId: string; status: "REJECTED" }> {
  const { input, actor } = options;
  const now = options.now ?? new Date();
  await client.$transaction(async (tx) => {
    const e = await tx.escalation.findUnique({ where: { id: input.escalationId }, include: { decision: true } });
    if (!e) throw new ExpectedError("NOT_FOUND", "No escalation with that id.");
    assertMayAnswer(e, options.responder);
    if (e.status !== "OPEN") throw await alreadyResolved(tx, e.id);
    const d = e.decision;
    await claimEscalation(tx, { escalationId: e.id, status: "REJECTED", actor, resolution: input.reason, now });
    await appendAudit(tx, {
      type: "ESCALATION_RESOLVED",
      actor,
      subject: { kind: d.targetKind, value: d.targetValue, alertId: d.alertId, decisionId: d.id, policyVersion: d.policyVersion, playbookKey: d.playbookKey },
      data: { escalationId: e.id, status: "REJECTED", resolution: input.reason, action: d.action, ttlSeconds: null, containmentId: null },
      summary: `${actor.name} rejected ${ACTION_LABELS[d.action as TActionType]} ${d.targetValue}: ${input.reason} — not contained`,
    });
  });
  return { escalationId: input.escalationId, status: "REJECTED" };
}
