import type { TTx } from "@/lib/db/client";
import type { EscalationStatus } from "@/lib/generated/prisma";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";

const DONE: Record<EscalationStatus, string> = { OPEN: "reopened", APPROVED: "approved", REJECTED: "rejected", SUPERSEDED: "closed as superseded" };

/**
 * Resolves an escalation with a conditional update on status OPEN, as the first write of
 * the caller's transaction: of two people answering at once, the second one's update waits
 * for the first to commit, then matches nothing, and their transaction rolls back whole.
 */
export async function claimEscalation(
  tx: TTx,
  input: { escalationId: string; status: Exclude<EscalationStatus, "OPEN">; actor: TAuditActor; resolution: string; now: Date },
): Promise<void> {
  const claimed = await tx.escalation.updateMany({
    where: { id: input.escalationId, status: "OPEN" },
    data: { status: input.status, resolvedAt: input.now, resolvedById: input.actor.id ?? null, resolvedByName: input.actor.name, resolution: input.resolution },
  });
  if (claimed.count === 1) return;
  throw await alreadyResolved(tx, input.escalationId);
}

export async function alreadyResolved(tx: TTx, escalationId: string): Promise<ExpectedError> {
  const current = await tx.escalation.findUniqueOrThrow({ where: { id: escalationId }, select: { status: true, resolvedByName: true, resolvedAt: true } });
  const when = current.resolvedAt ? ` at ${current.resolvedAt.toISOString().slice(0, 19).replace("T", " ")} UTC` : "";
  return new ExpectedError("CONFLICT", `${current.resolvedByName ?? "Someone"} already ${DONE[current.status]} this escalation${when}. Nothing was changed by your answer.`);
}
