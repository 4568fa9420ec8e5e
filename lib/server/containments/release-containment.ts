import { z } from "zod";
import type { TDb, TTx } from "@/lib/db/client";
import { describeContainmentUndone } from "@/lib/domain/containment-wording";
import type { TActionType } from "@/lib/domain/types";
import type { TJobSender } from "@/lib/jobs/queues";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";
import { notifyWebhooks } from "@/lib/server/pipeline/notify-webhooks";
import { findMatchingRegistrations } from "@/lib/server/protected/find-matching-registrations";

export const MAX_HOLD_OFF_SECONDS = 30 * 24 * 3600;

export const ZReleaseRequest = z.object({
  reason: z.string().trim().min(3, "Say why (at least 3 characters): it goes in the audit log.").max(500),
  holdOffSeconds: z.number().int().min(0).max(MAX_HOLD_OFF_SECONDS, "Hold off re-containment for at most 30 days.").optional(),
});
export type TReleaseRequest = z.infer<typeof ZReleaseRequest>;

export type TReleaseResult = { containmentId: string; status: string; alreadyReleased: boolean; releasedBy: string | null };

/** An OWNER may release only containments that touch an asset they registered. */
async function assertOwnerMayRelease(tx: TTx, ownerId: string, target: { kind: "ip" | "cidr" | "host" | "account" | "app"; value: string }) {
  const matching = await findMatchingRegistrations(tx, target, new Date());
  const owned = matching.length
    ? await tx.protectedAsset.count({ where: { id: { in: matching.map((r) => r.id) }, ownerId } })
    : 0;
  // Not yours reads the same as not there: no hint that the containment exists.
  if (owned === 0) throw new ExpectedError("NOT_FOUND", "No containment with that id on an asset you own.");
}

/**
 * Releases a containment: enforcement points see it in their next pull. Idempotent: a
 * second release (or two people clicking at once) changes nothing and is recorded as a
 * repeated request, so the audit log shows both people and what they asked.
 */
export async function releaseContainment(
  client: TDb,
  options: { containmentId: string; request: TReleaseRequest; actor: TAuditActor; ownerScopeUserId?: string | null; jobs: TJobSender },
): Promise<TReleaseResult> {
  const { containmentId, request, actor } = options;
  const result = await client.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Containment" WHERE "id" = ${containmentId} FOR UPDATE`;
    const c = locked.length ? await tx.containment.findUnique({ where: { id: containmentId } }) : null;
    if (!c) throw new ExpectedError("NOT_FOUND", "No containment with that id.");
    if (options.ownerScopeUserId) await assertOwnerMayRelease(tx, options.ownerScopeUserId, { kind: c.targetKind, value: c.targetValue });
    const subject = { kind: c.targetKind, value: c.targetValue, containmentId: c.id, decisionId: c.decisionId, policyVersion: c.policyVersion, playbookKey: c.playbookKey };
    if (c.status !== "ACTIVE" && c.status !== "PENDING") {
      await appendAudit(tx, {
        type: "RELEASE_REPEATED",
        actor,
        subject,
        data: { reason: request.reason, alreadyReleasedBy: c.releasedByName },
        summary: `${actor.name} asked to release ${c.targetValue}, which was already ${c.status.toLowerCase()}${c.releasedByName ? ` by ${c.releasedByName}` : ""}: nothing changed`,
      });
      return { containmentId: c.id, status: c.status, alreadyReleased: true, releasedBy: c.releasedByName, notify: false };
    }
    const now = new Date();
    await tx.containment.update({
      where: { id: c.id },
      data: { status: "RELEASED", endedAt: now, releasedById: actor.id ?? null, releasedByName: actor.name, releaseReason: request.reason },
    });
    if (c.status === "ACTIVE" && c.connector === "perimeter-feed") {
      await tx.enforcementChange.create({ data: { containmentId: c.id, kind: "REMOVED" } });
    }
    const holdOffUntil = request.holdOffSeconds ? new Date(now.getTime() + request.holdOffSeconds * 1000) : null;
    await appendAudit(tx, {
      type: "CONTAINMENT_RELEASED",
      actor,
      subject,
      data: { action: c.action, target: { kind: c.targetKind, value: c.targetValue }, reason: request.reason, holdOffUntil: holdOffUntil?.toISOString() ?? null },
      summary: `${describeContainmentUndone(c.action as TActionType, c.targetValue, request.reason)} — released by ${actor.name}${holdOffUntil ? `; no re-containment until ${holdOffUntil.toISOString()}` : ""}`,
    });
    if (holdOffUntil) {
      const hold = await tx.investigationHold.create({
        data: { kind: "RELEASE_HOLDOFF", selectorKind: c.targetKind, selectorValue: c.targetValue, reason: request.reason, placedById: actor.id ?? "system", placedByName: actor.name, expiresAt: holdOffUntil },
      });
      await appendAudit(tx, {
        type: "HOLD_PLACED",
        actor,
        subject,
        data: { holdId: hold.id, kind: "RELEASE_HOLDOFF", selector: { kind: c.targetKind, value: c.targetValue }, reason: request.reason, expiresAt: holdOffUntil.toISOString() },
        summary: `${actor.name} held off re-containment of ${c.targetValue} until ${holdOffUntil.toISOString()}`,
      });
    }
    return { containmentId: c.id, status: "RELEASED", alreadyReleased: false, releasedBy: actor.name, notify: true };
  });
  if (result.notify) {
    await notifyWebhooks(client, options.jobs, { kind: "containment.released", containmentId, by: actor.name, reason: request.reason }).catch((error) =>
      console.error("[reflex] could not enqueue release notification:", (error as Error).message),
    );
  }
  return { containmentId: result.containmentId, status: result.status, alreadyReleased: result.alreadyReleased, releasedBy: result.releasedBy };
}
