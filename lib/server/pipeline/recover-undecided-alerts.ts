import type { TDb } from "@/lib/db/client";
import type { TJobSender } from "@/lib/jobs/queues";
import { decideStoredAlerts } from "./decide-ingested";

/**
 * Alerts a crash (or a failed decision) left between "stored" and "decided" get their
 * decision now, oldest first; one that still cannot be decided does not hold up the others.
 */
export async function recoverUndecidedAlerts(client: TDb, options: { jobs: TJobSender; olderThanSeconds: number }): Promise<number> {
  const before = new Date(Date.now() - options.olderThanSeconds * 1000);
  const stuck = await client.alert.findMany({ where: { status: "RECEIVED", receivedAt: { lt: before } }, orderBy: { receivedAt: "asc" }, select: { id: true }, take: 200 });
  await decideStoredAlerts(client, stuck.map((a) => a.id), options.jobs);
  return stuck.length;
}
