import type { TDb } from "@/lib/db/client";
import type { TJobSender } from "@/lib/jobs/queues";
import { notifyWebhooks } from "@/lib/server/pipeline/notify-webhooks";
import type { TContainmentOutcome } from "./create-containment";

/**
 * The jobs a new containment needs once its transaction has committed (so a job never
 * names a containment that was rolled back): its expiry, the push to an outbound connector,
 * the webhook announcement. The minute sweep expires it anyway if this never runs.
 */
export async function followUpContainment(client: TDb, jobs: TJobSender, c: TContainmentOutcome | null): Promise<void> {
  if (!c?.created) return;
  try {
    await jobs.send("containment.expire", { containmentId: c.id }, { startAfter: c.expiresAt, singletonKey: `expire:${c.id}` });
    if (c.pushConnector) await jobs.send("containment.execute", { containmentId: c.id }, { singletonKey: `execute:${c.id}` });
    if (c.status === "ACTIVE") await notifyWebhooks(client, jobs, { kind: "containment.executed", containmentId: c.id });
  } catch (error) {
    console.error("[reflex] could not enqueue follow-up jobs:", (error as Error).message);
  }
}
