import type { TDb, TTx } from "@/lib/db/client";
import type { TJob, TJobSender } from "@/lib/jobs/queues";
import { createReleaseLinks } from "@/lib/server/release-links/create-release-link";

// Every action and release is announced to each enabled outbound webhook, as a job with
// retries. The payload carries a Slack/Teams-ready `text` line next to the structured data.
// A containment Reflex executed on its own also carries a release link per webhook: signed,
// single-use, valid for an hour, addressed to that webhook (docs/BRIDGE-CALL.md).

export type TWebhookEventKind = "containment.executed" | "containment.released" | "containment.expired";

const HEADLINE: Record<TWebhookEventKind, string> = {
  "containment.executed": ":shield: Reflex contained",
  "containment.released": ":unlock: Reflex released",
  "containment.expired": ":hourglass: Reflex containment expired",
};

function utcClock(date: Date): string {
  return `${date.toISOString().slice(11, 16)} UTC`;
}

export type TWebhook = { id: string; name: string };

export function enabledWebhooks(client: TDb | TTx): Promise<TWebhook[]> {
  return client.connectorSetting.findMany({ where: { kind: "webhook", enabled: true }, select: { id: true, name: true } });
}

/**
 * The same delivery for events that are not containments (campaign reminders): one job per
 * enabled webhook, queued in the transaction that records the event, because nothing would
 * announce it again if the process died after that commit.
 */
export async function announceToWebhooks(tx: TTx, jobs: TJobSender, event: { type: string; occurredAt: string; text: string } & Record<string, unknown>): Promise<number> {
  const hooks = await enabledWebhooks(tx);
  await jobs.sendManyWithin(tx, hooks.map((hook): TJob => ({ queue: "webhook.deliver", data: { connectorId: hook.id, event } })));
  return hooks.length;
}

export type TContainmentEvent = { kind: TWebhookEventKind; containmentId: string; by?: string; reason?: string };

export async function notifyWebhooks(client: TDb, jobs: TJobSender, event: TContainmentEvent) {
  const hooks = await enabledWebhooks(client);
  if (hooks.length === 0) return;
  await jobs.sendMany(await webhookDeliveries(client, hooks, [event]));
}

/**
 * One delivery job per webhook and event, for callers that read the webhooks once for many
 * events: the containments in one read, the release links in one insert. An event whose
 * containment is gone is logged and skipped; it costs only its own announcement.
 */
export async function webhookDeliveries(client: TDb, hooks: readonly TWebhook[], events: readonly TContainmentEvent[]): Promise<TJob[]> {
  if (hooks.length === 0 || events.length === 0) return [];
  const rows = await client.containment.findMany({ where: { id: { in: [...new Set(events.map((e) => e.containmentId))] } } });
  const byId = new Map(rows.map((c) => [c.id, c]));
  const announced = events.flatMap((event) => {
    const c = byId.get(event.containmentId);
    if (!c) {
      console.error("[reflex] could not announce a containment to the webhooks:", `containment ${event.containmentId} not found`);
      return [];
    }
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
    const offerRelease = event.kind === "containment.executed" && (c.status === "ACTIVE" || c.status === "PENDING");
    return hooks.map((hook) => ({ hook, payload, offerRelease, containment: c }));
  });
  const links = await createReleaseLinks(
    client,
    announced.filter((a) => a.offerRelease).map((a) => ({ containment: a.containment, addressee: `webhook "${a.hook.name}"` })),
  );
  let next = 0;
  return announced.map(({ hook, payload, offerRelease }): TJob => {
    const link = offerRelease ? links[next++]! : null;
    const event = link
      ? {
          ...payload,
          releaseUrl: link.url,
          releaseUrlExpiresAt: link.expiresAt.toISOString(),
          text: `${payload.text}\nRelease it: ${link.url} (one use, until ${utcClock(link.expiresAt)})`,
        }
      : payload;
    return { queue: "webhook.deliver", data: { connectorId: hook.id, event } };
  });
}
