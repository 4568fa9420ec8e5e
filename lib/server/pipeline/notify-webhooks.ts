import type { TDb } from "@/lib/db/client";
import type { TJobSender } from "@/lib/jobs/queues";

// Every action and release is announced to each enabled outbound webhook, as a job with
// retries. The payload carries a Slack/Teams-ready `text` line next to the structured data.

export type TWebhookEventKind = "containment.executed" | "containment.released" | "containment.expired";

const HEADLINE: Record<TWebhookEventKind, string> = {
  "containment.executed": ":shield: Reflex contained",
  "containment.released": ":unlock: Reflex released",
  "containment.expired": ":hourglass: Reflex containment expired",
};

export async function notifyWebhooks(client: TDb, jobs: TJobSender, event: { kind: TWebhookEventKind; containmentId: string; by?: string; reason?: string }) {
  const hooks = await client.connectorSetting.findMany({ where: { kind: "webhook", enabled: true }, select: { id: true } });
  if (hooks.length === 0) return;
  const c = await client.containment.findUniqueOrThrow({ where: { id: event.containmentId } });
  const payload = {
    type: event.kind,
    occurredAt: new Date().toISOString(),
    containment: {
      id: c.id,
      action: c.action,
      target: { kind: c.targetKind, value: c.targetValue },
      status: c.status,
      reason: c.reason,
      expiresAt: c.expiresAt.toISOString(),
      policyVersion: c.policyVersion,
      playbook: c.playbookKey,
    },
    ...(event.by ? { by: event.by } : {}),
    ...(event.reason ? { releaseReason: event.reason } : {}),
    text: `${HEADLINE[event.kind]} ${c.targetValue} (${c.action}): ${event.kind === "containment.executed" ? c.reason : (event.reason ?? c.releaseReason ?? "TTL reached")}`,
  };
  for (const hook of hooks) await jobs.send("webhook.deliver", { connectorId: hook.id, event: payload });
}
