import type { TDb } from "@/lib/db/client";
import { deliverWebhook, ZWebhookConfig } from "@/lib/connectors/webhook";
import type { TJobPayloads } from "@/lib/jobs/queues";

/** One webhook delivery; throwing hands the retry (with backoff) to the job engine. */
export async function deliverWebhookJob(client: TDb, job: TJobPayloads["webhook.deliver"]): Promise<void> {
  const connector = await client.connectorSetting.findUnique({ where: { id: job.connectorId } });
  if (!connector || !connector.enabled) return;
  const config = ZWebhookConfig.safeParse(connector.config);
  if (!config.success) throw new Error(`webhook connector "${connector.name}" is misconfigured: ${config.error.issues[0]?.message}`);
  await deliverWebhook(config.data, job.event);
}
