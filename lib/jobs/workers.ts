import type PgBoss from "pg-boss";
import { db } from "@/lib/db/client";
import { executePushContainment } from "@/lib/server/containments/execute-push-containment";
import { expireDueContainments } from "@/lib/server/containments/expire-containments";
import { resendPendingPushes } from "@/lib/server/containments/resend-pending-pushes";
import { deliverWebhookJob } from "@/lib/server/pipeline/deliver-webhook-job";
import { notifyWebhooks } from "@/lib/server/pipeline/notify-webhooks";
import { recoverUndecidedAlerts } from "@/lib/server/pipeline/recover-undecided-alerts";
import { sendCampaignReminders } from "@/lib/server/reminders/send-campaign-reminders";
import { sendExpiryNotices } from "@/lib/server/reminders/send-expiry-notices";
import { bossJobSender, getBoss } from "./boss";
import { QUEUES, type TJobPayloads } from "./queues";
import { startSearchIndexer } from "./search-indexer";

// The job handlers, and the audit search indexer beside them. Any number of processes may
// run them against one database: the console runs them in its own process, `npx reflex
// worker` runs more.

async function expireAndNotify(now: Date, containmentId?: string): Promise<number> {
  const expired = await expireDueContainments(db(), { now, containmentId });
  for (const id of expired) await notifyWebhooks(db(), bossJobSender, { kind: "containment.expired", containmentId: id });
  return expired.length;
}

export async function startWorkers(): Promise<PgBoss> {
  // First, and whether or not the job engine starts: word searches read the indexer's queue,
  // which only grows without it. Stopped by disconnectDb, like the database's other companions.
  startSearchIndexer(db());
  const boss = await getBoss();
  await boss.work<TJobPayloads["containment.expire"]>(QUEUES.expireContainment, { pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) await expireAndNotify(new Date(), job.data.containmentId);
  });
  await boss.work<TJobPayloads["containment.execute"]>(QUEUES.executeContainment, { pollingIntervalSeconds: 1, includeMetadata: true }, async (jobs) => {
    for (const job of jobs) await executePushContainment(db(), { containmentId: job.data.containmentId, attempt: job.retryCount + 1, finalAttempt: job.retryCount >= job.retryLimit });
  });
  await boss.work<TJobPayloads["webhook.deliver"]>(QUEUES.deliverWebhook, { pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) await deliverWebhookJob(db(), job.data);
  });
  await boss.work(QUEUES.sweep, async () => {
    await expireAndNotify(new Date());
    await recoverUndecidedAlerts(db(), { jobs: bossJobSender, olderThanSeconds: 30 });
    await resendPendingPushes(db(), { jobs: bossJobSender, olderThanSeconds: 120 });
  });
  await boss.schedule(QUEUES.sweep, "* * * * *", {}, { singletonKey: "sweep" });
  await boss.work(QUEUES.remind, async () => {
    const now = new Date();
    // Expiry notices go out even when a campaign's reminder fails; the job fails after them and runs again.
    const reminders = await sendCampaignReminders(db(), { now, jobs: bossJobSender }).then(() => null, (error: unknown) => error);
    await sendExpiryNotices(db(), { now });
    if (reminders) throw reminders;
  });
  await boss.schedule(QUEUES.remind, "*/5 * * * *", {}, { singletonKey: "remind" });
  return boss;
}
