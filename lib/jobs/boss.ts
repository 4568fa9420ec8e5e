import PgBoss from "pg-boss";
import { databaseUrl } from "@/lib/db/client";
import { QUEUES, type TJob, type TJobSender } from "./queues";

// One pg-boss instance per process (pg-boss 10: 11+ needs Node 22). It opens its own pg
// pool; in embedded mode that pool reaches PGlite through the same loopback server.

const RETRY = { retryLimit: 5, retryDelay: 2, retryBackoff: true } as const;

const globalForBoss = globalThis as unknown as { __reflexBoss?: Promise<PgBoss> };

async function startBoss(): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: databaseUrl(), max: 4, schema: "pgboss" });
  boss.on("error", (error) => console.error("[reflex] job engine error:", error.message));
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name, { name, ...RETRY });
  return boss;
}

export function getBoss(): Promise<PgBoss> {
  globalForBoss.__reflexBoss ??= startBoss().catch((error) => {
    globalForBoss.__reflexBoss = undefined;
    throw error;
  });
  return globalForBoss.__reflexBoss;
}

export async function stopBoss(): Promise<void> {
  const boss = globalForBoss.__reflexBoss;
  globalForBoss.__reflexBoss = undefined;
  if (boss) await (await boss).stop({ graceful: true, timeout: 5000 });
}

export const bossJobSender: TJobSender = {
  async send(queue, data, options) {
    const boss = await getBoss();
    await boss.send(queue, data as object, { ...RETRY, ...options });
  },
  async sendMany(jobs) {
    if (jobs.length === 0) return;
    const boss = await getBoss();
    // pg-boss's batch insert: one INSERT … SELECT FROM json_to_recordset for every job.
    await boss.insert(jobs.map(toInsert));
  },
  async sendManyWithin(tx, jobs) {
    if (jobs.length === 0) return;
    const boss = await getBoss();
    // The same insert, sent on the caller's transaction instead of pg-boss's own pool.
    await boss.insert(jobs.map(toInsert), { db: { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) } });
  },
};

function toInsert(job: TJob): PgBoss.JobInsert {
  return { name: job.queue, data: job.data, ...RETRY, ...job.options };
}
