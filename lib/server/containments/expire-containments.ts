import type { TDb } from "@/lib/db/client";
import type { TActionType } from "@/lib/domain/types";
import { describeContainmentUndone } from "@/lib/domain/containment-wording";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";

/**
 * Lifts containments whose TTL has run out (all due ones, or one by id). Safe to run on
 * several instances at once: rows are claimed with SKIP LOCKED, each in its own
 * transaction, so one target's events stay in that target's audit chain.
 */
export async function expireDueContainments(client: TDb, options: { now: Date; containmentId?: string; limit?: number }): Promise<string[]> {
  const due = await client.containment.findMany({
    where: { status: { in: ["ACTIVE", "PENDING"] }, expiresAt: { lte: options.now }, ...(options.containmentId ? { id: options.containmentId } : {}) },
    select: { id: true },
    orderBy: { expiresAt: "asc" },
    take: options.limit ?? 500,
  });
  const expired: string[] = [];
  for (const { id } of due) {
    const done = await client.$transaction(async (tx) => {
      const claimed = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "Containment" WHERE "id" = ${id} AND "status" IN ('ACTIVE', 'PENDING') AND "expiresAt" <= ${options.now}
        FOR UPDATE SKIP LOCKED`;
      if (claimed.length === 0) return false;
      const c = await tx.containment.update({ where: { id }, data: { status: "EXPIRED", endedAt: options.now } });
      if (c.connector === "perimeter-feed" && c.activatedAt) await tx.enforcementChange.create({ data: { containmentId: id, kind: "REMOVED" } });
      await appendAudit(tx, {
        type: "CONTAINMENT_EXPIRED",
        actor: SYSTEM_ACTOR,
        subject: { kind: c.targetKind, value: c.targetValue, containmentId: id, decisionId: c.decisionId, policyVersion: c.policyVersion, playbookKey: c.playbookKey },
        data: { action: c.action, target: { kind: c.targetKind, value: c.targetValue }, expiresAt: c.expiresAt.toISOString() },
        summary: describeContainmentUndone(c.action as TActionType, c.targetValue, "its TTL ran out"),
      });
      return true;
    });
    if (done) expired.push(id);
  }
  return expired;
}
