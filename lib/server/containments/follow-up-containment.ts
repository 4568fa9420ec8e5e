import type { TDb } from "@/lib/db/client";
import type { TJob, TJobSender } from "@/lib/jobs/queues";
import { enabledWebhooks, webhookDeliveries, type TWebhook } from "@/lib/server/pipeline/notify-webhooks";
import type { TContainmentOutcome } from "./create-containment";

type TCreated = Extract<TContainmentOutcome, { created: true }>;

/**
 * The jobs a new containment needs once its transaction has committed (so a job never
 * names a containment that was rolled back): its expiry, the push to an outbound connector,
 * the webhook announcement. The minute sweep expires it anyway if this never runs.
 */
export async function followUpContainment(client: TDb, jobs: TJobSender, c: TContainmentOutcome | null): Promise<void> {
  await followUpContainments(client, jobs, [c]);
}

/**
 * The same for a batch of decisions: the enabled webhooks are read once and every job goes
 * out in one insert. Without webhooks that is two statements for the whole batch (one when
 * the caller knows there are none); with them, the executed containments are read in one
 * statement and their release links (one per containment and webhook) written in another.
 * Failures are logged, never thrown: the decisions are committed already.
 */
export async function followUpContainments(
  client: TDb,
  jobs: TJobSender,
  outcomes: readonly (TContainmentOutcome | null)[],
  /** What the decision's state said; false spares reading the webhooks again. */
  options: { webhookConfigured?: boolean } = {},
): Promise<void> {
  const created = outcomes.filter((c): c is TCreated => c?.created === true);
  if (created.length === 0) return;
  const queued: TJob[] = created.flatMap((c): TJob[] => [
    { queue: "containment.expire", data: { containmentId: c.id }, options: { startAfter: c.expiresAt, singletonKey: `expire:${c.id}` } },
    ...(c.pushConnector ? [{ queue: "containment.execute" as const, data: { containmentId: c.id }, options: { singletonKey: `execute:${c.id}` } }] : []),
  ]);
  if (options.webhookConfigured !== false) queued.push(...(await announcements(client, created.filter((c) => c.status === "ACTIVE"))));
  await enqueueWithRetries(jobs, queued);
}

/** Pauses before the second and third attempt of a failed job insert. */
const RETRY_PAUSES_MS = [100, 400];

// The jobs exist nowhere else until this insert succeeds. The minute sweep expires and
// re-pushes containments anyway, but a webhook announcement lost here would be lost for
// good, so a failed insert (a connection dropped, a failover) is tried twice more.
async function enqueueWithRetries(jobs: TJobSender, queued: readonly TJob[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await jobs.sendMany(queued);
      return;
    } catch (error) {
      const pause = RETRY_PAUSES_MS[attempt];
      if (pause === undefined) {
        console.error("[reflex] could not enqueue follow-up jobs:", (error as Error).message);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** Webhook deliveries for the containments Reflex executed, each with its release link per webhook. */
async function announcements(client: TDb, executed: readonly TCreated[]): Promise<TJob[]> {
  if (executed.length === 0) return [];
  let hooks: TWebhook[];
  try {
    hooks = await enabledWebhooks(client);
  } catch (error) {
    console.error("[reflex] could not read the webhooks to announce containments:", (error as Error).message);
    return [];
  }
  try {
    return await webhookDeliveries(client, hooks, executed.map((c) => ({ kind: "containment.executed" as const, containmentId: c.id })));
  } catch (error) {
    console.error("[reflex] could not announce the containments to the webhooks:", (error as Error).message);
    return [];
  }
}
