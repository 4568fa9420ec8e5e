import type { TDb } from "@/lib/db/client";
import type { TJobSender } from "@/lib/jobs/queues";
import { decideAlerts } from "./decide-alerts";

/** Alerts a crash left between "stored" and "decided" get their decision now. */
export async function recoverUndecidedAlerts(client: TDb, options: { jobs: TJobSender; olderThanSeconds: number }): Promise<number> {
  const before = new Date(Date.now() - options.olderThanSeconds * 1000);
  const stuck = await client.alert.findMany({ where: { status: "RECEIVED", receivedAt: { lt: before } }, select: { id: true }, take: 200 });
  await decideAlerts(client, { alertIds: stuck.map((a) => a.id), jobs: options.jobs });
  return stuck.length;
}
