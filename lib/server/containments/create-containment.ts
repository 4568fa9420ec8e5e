import { randomUUID } from "node:crypto";
import { connectorPlanFor } from "@/lib/connectors/registry";
import type { TTx } from "@/lib/db/client";
import { describeContainmentDone } from "@/lib/domain/containment-wording";
import type { TActionType, TEntity } from "@/lib/domain/types";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";

export type TNewContainment = {
  decisionId: string;
  alertId: string;
  action: TActionType;
  target: Pick<TEntity, "kind" | "value">;
  ttlSeconds: number;
  why: string;
  confidence: number;
  blastRadiusCount: number;
  policyVersion: number | null;
  signedBy: string | null;
  playbookKey: string;
  actor: TAuditActor;
  now: Date;
};

export type TContainmentOutcome =
  | { created: true; id: string; status: "ACTIVE" | "PENDING" | "FAILED"; expiresAt: Date; pushConnector: boolean }
  | { created: false; existingId: string };

/**
 * Contains a target inside the caller's transaction. One live containment per target and
 * action is a unique index: a concurrent duplicate inserts nothing and gets the existing
 * one back, instead of a second block.
 */
export async function createContainment(tx: TTx, input: TNewContainment, options: { webhookConfigured: boolean }): Promise<TContainmentOutcome> {
  const plan = connectorPlanFor(input.action);
  const expiresAt = new Date(input.now.getTime() + input.ttlSeconds * 1000);
  const status = plan.pull ? "ACTIVE" : options.webhookConfigured ? "PENDING" : "FAILED";
  const reason = describeContainmentDone({ ...input, target: input.target.value, blastRadius: input.blastRadiusCount });
  const id = randomUUID();
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Containment" ("id", "decisionId", "action", "targetKind", "targetValue", "status", "reason", "connector",
      "confidence", "blastRadiusCount", "policyVersion", "playbookKey", "createdAt", "activatedAt", "expiresAt", "endedAt", "lastError")
    VALUES (${id}, ${input.decisionId}, ${input.action}, ${input.target.kind}::"EntityKind", ${input.target.value},
      ${status}::"ContainmentStatus", ${reason}, ${plan.connector}, ${input.confidence}, ${input.blastRadiusCount},
      ${input.policyVersion}, ${input.playbookKey}, ${input.now}, ${status === "ACTIVE" ? input.now : null}, ${expiresAt},
      ${status === "FAILED" ? input.now : null},
      ${status === "FAILED" ? "No outbound connector is configured to enforce this action." : null})
    ON CONFLICT ("action", "targetKind", "targetValue") WHERE "status" IN ('PENDING', 'ACTIVE') DO NOTHING
    RETURNING "id"`;
  if (inserted.length === 0) {
    const existing = await tx.containment.findFirstOrThrow({
      where: { action: input.action, targetKind: input.target.kind, targetValue: input.target.value, status: { in: ["PENDING", "ACTIVE"] } },
      select: { id: true },
    });
    return { created: false, existingId: existing.id };
  }
  const subject = { kind: input.target.kind, value: input.target.value, alertId: input.alertId, decisionId: input.decisionId, containmentId: id, policyVersion: input.policyVersion, playbookKey: input.playbookKey };
  const target = { kind: input.target.kind, value: input.target.value };
  if (status === "ACTIVE") {
    await tx.enforcementChange.create({ data: { containmentId: id, kind: "ADDED" } });
    await appendAudit(tx, {
      type: "CONTAINMENT_EXECUTED",
      actor: input.actor,
      subject,
      data: { action: input.action, target, connector: plan.connector, ttlSeconds: input.ttlSeconds, expiresAt: expiresAt.toISOString(), reason },
      summary: reason,
    });
  } else if (status === "FAILED") {
    await appendAudit(tx, {
      type: "CONTAINMENT_FAILED",
      actor: input.actor,
      subject,
      data: { action: input.action, target, connector: plan.connector, error: "No outbound connector is configured to enforce this action.", attempt: 0, willRetry: false },
      summary: `Could not ${input.action.replace("_", " ")} ${input.target.value}: no outbound connector is configured (Settings → Connectors)`,
    });
  }
  return { created: true, id, status, expiresAt, pushConnector: status === "PENDING" };
}
