import PgBoss from "pg-boss";
import { databaseUrl } from "@/lib/db/client";
import { QUEUES, type TJob, type TJobSender } from "./queues";

// One pg-boss instance per process (pg-boss 10: 11+ needs Node 22). It opens its own pg
// pool; in embedded mode that pool reaches PGlite through the same loopback server.

const RETRY = { retryLimit: 5, retryDelay: 2, retryBackoff: true } as const;

/** The engine, once asked for; and, once it has started, the engine itself (`running`). */
const globalForBoss = globalThis as unknown as { __reflexBoss?: Promise<PgBoss>; __reflexBossRunning?: PgBoss };

async function startBoss(): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: databaseUrl(), max: 4, schema: "pgboss" });
  boss.on("error", (error) => console.error("[reflex] job engine error:", error.message));
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name, { name, ...RETRY });
  globalForBoss.__reflexBossRunning = boss;
  return boss;
}

export function getBoss(): Promise<PgBoss> {
  globalForBoss.__reflexBoss ??= startBoss().catch((error) => {
    globalForBoss.__reflexBoss = undefined;
    throw error;
  });
  return globalForBoss.__reflexBoss;
}

// Forgotten only once stopped: a handler finishing during the graceful stop may still send,
// and asking for an engine then must not start a second one.
export async function stopBoss(): Promise<void> {
  const boss = globalForBoss.__reflexBoss;
  if (!boss) return;
  await (await boss).stop({ graceful: true, timeout: 5000 });
  if (globalForBoss.__reflexBoss === boss) {
    globalForBoss.__reflexBoss = undefined;
    globalForBoss.__reflexBossRunning = undefined;
  }
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
    // Never started from here: starting opens connections of its own and waits on them while
    // the caller holds its transaction (on PGlite, for the one session that transaction holds;
    // on PostgreSQL, with the audit chain's head locked). Refused, the transaction rolls back.
    const boss = globalForBoss.__reflexBossRunning;
    if (!boss) throw new Error("The job engine is not running in this process: jobs cannot be queued in this transaction, which is rolled back.");
    // The same insert, sent on the caller's transaction instead of pg-boss's own pool.
    await boss.insert(jobs.map(toInsert), { db: { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) } });
  },
};

function toInsert(job: TJob): PgBoss.JobInsert {
  return { name: job.queue, data: job.data, ...RETRY, ...job.options };
}
