import type { TDb } from "@/lib/db/client";
import type { TJobSender } from "@/lib/jobs/queues";

/**
 * A push containment (account, host) waits PENDING until a connector accepts it. Its job is
 * sent after its decision commits; if that enqueue failed (the process died, the job
 * engine refused), nothing would ever push it, and its live-containment slot would keep
 * the target "already contained" without anything enforcing it. The minute sweep sends
 * the job again for those never tried; the singleton key keeps a job still queued from
 * being doubled.
 */
export async function resendPendingPushes(client: TDb, options: { jobs: TJobSender; olderThanSeconds: number; now?: Date }): Promise<number> {
  const before = new Date((options.now ?? new Date()).getTime() - options.olderThanSeconds * 1000);
  const waiting = await client.containment.findMany({
    where: { status: "PENDING", attempts: 0, createdAt: { lt: before } },
    orderBy: { createdAt: "asc" },
    select: { id: true },
    take: 500,
  });
  await options.jobs.sendMany(waiting.map((c) => ({ queue: "containment.execute" as const, data: { containmentId: c.id }, options: { singletonKey: `execute:${c.id}` } })));
  return waiting.length;
}
