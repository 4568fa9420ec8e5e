import pg from "pg";

// What the database sessions of the benchmark's database are doing during a load phase
// (PostgreSQL only: PGlite has one session): sampled from pg_stat_activity every 100 ms.
// "idle in transaction" is a transaction waiting for the console between two statements;
// a Lock wait is one transaction waiting for another's row lock — the audit chain heads,
// the alert row, or the one-live-containment index. Together they show whether the
// pipeline runs in parallel lanes or queues behind a lock.

export type TSessionReport = {
  samples: number;
  /** Mean number of sessions in each state per sample. */
  meanActive: number;
  meanIdleInTransaction: number;
  meanWaitingOnLock: number;
  /** Statements seen waiting on a lock, most frequent first (shape, share of lock-wait samples). */
  lockWaits: { statement: string; share: number }[];
};

export type TSessionSampler = { stop(): Promise<TSessionReport> };

function shape(sql: string): string {
  return sql.replace(/\$\d+/g, "?").replace(/\s+/g, " ").trim().slice(0, 100);
}

export async function startSessionSampler(databaseUrl: string, databaseName: string): Promise<TSessionSampler> {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  let samples = 0;
  let active = 0;
  let idleInTx = 0;
  let waiting = 0;
  const waits = new Map<string, number>();
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ state: string | null; wait_event_type: string | null; query: string }>(
        `SELECT state, wait_event_type, query FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        [databaseName],
      );
      samples++;
      for (const r of rows) {
        if (r.state === "active") active++;
        if (r.state === "idle in transaction") idleInTx++;
        if (r.wait_event_type === "Lock") {
          waiting++;
          const s = shape(r.query);
          waits.set(s, (waits.get(s) ?? 0) + 1);
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop.catch(() => {});
      await client.end();
      return {
        samples,
        meanActive: samples ? active / samples : 0,
        meanIdleInTransaction: samples ? idleInTx / samples : 0,
        meanWaitingOnLock: samples ? waiting / samples : 0,
        lockWaits: [...waits].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([statement, n]) => ({ statement, share: waiting ? n / waiting : 0 })),
      };
    },
  };
}
