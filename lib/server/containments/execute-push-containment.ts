import type { TDb } from "@/lib/db/client";
import { deliverWebhook, ZWebhookConfig } from "@/lib/connectors/webhook";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";

/**
 * Enforces a containment that no firewall pulls (account, host actions) by sending the
 * containment order to the outbound webhook connectors. Each failed attempt is audited;
 * the job engine retries with backoff, and the last failure marks the containment FAILED.
 */
export async function executePushContainment(client: TDb, options: { containmentId: string; attempt: number; finalAttempt: boolean }): Promise<void> {
  const c = await client.containment.findUnique({ where: { id: options.containmentId } });
  if (!c || c.status !== "PENDING") return;
  const hooks = await client.connectorSetting.findMany({ where: { kind: "webhook", enabled: true } });
  const subject = { kind: c.targetKind, value: c.targetValue, containmentId: c.id, decisionId: c.decisionId, policyVersion: c.policyVersion, playbookKey: c.playbookKey };
  const target = { kind: c.targetKind, value: c.targetValue };
  try {
    if (hooks.length === 0) throw new Error("no outbound connector is configured");
    for (const hook of hooks) {
      await deliverWebhook(ZWebhookConfig.parse(hook.config), {
        type: "containment.order",
        containment: { id: c.id, action: c.action, target, expiresAt: c.expiresAt.toISOString(), reason: c.reason },
        text: `:shield: Reflex orders ${c.action} on ${c.targetValue}: ${c.reason}`,
      });
    }
  } catch (error) {
    const message = (error as Error).message;
    await client.$transaction(async (tx) => {
      await tx.containment.update({
        where: { id: c.id },
        data: { attempts: { increment: 1 }, lastError: message, ...(options.finalAttempt ? { status: "FAILED", endedAt: new Date() } : {}) },
      });
      await appendAudit(tx, {
        type: "CONTAINMENT_FAILED",
        actor: SYSTEM_ACTOR,
        subject,
        data: { action: c.action, target, connector: c.connector, error: message, attempt: options.attempt, willRetry: !options.finalAttempt },
        summary: `Attempt ${options.attempt} to ${c.action} ${c.targetValue} failed (${message})${options.finalAttempt ? "; gave up" : "; will retry"}`,
      });
    });
    if (!options.finalAttempt) throw error;
    return;
  }
  const ttlSeconds = Math.max(1, Math.round((c.expiresAt.getTime() - Date.now()) / 1000));
  await client.$transaction(async (tx) => {
    await tx.containment.update({ where: { id: c.id }, data: { status: "ACTIVE", activatedAt: new Date(), attempts: { increment: 1 }, lastError: null } });
    await appendAudit(tx, {
      type: "CONTAINMENT_EXECUTED",
      actor: SYSTEM_ACTOR,
      subject,
      data: { action: c.action, target, connector: c.connector, ttlSeconds, expiresAt: c.expiresAt.toISOString(), reason: c.reason },
      summary: c.reason,
    });
  });
}
