import { stopWithDb, type TDb } from "@/lib/db/client";
import { drainAuditSearchQueue } from "@/lib/server/audit/index-audit-search";
import { logUnexpected } from "@/lib/server/errors";

// The audit search indexer runs beside the job workers, in every process that runs them. It
// is a loop, not a queued job: it has nothing to be told, only a queue to keep short, and a
// job per audit append would cost the hot path the very insert it saves. A pass drains the
// queue; the next starts a second after it ends, so passes never overlap in one process. A
// stop waits for the statement in progress only.

const PAUSE_MS = 1000;

export type TSearchIndexer = { stop(): Promise<void> };

export function startSearchIndexer(client: TDb, options: { pauseMs?: number } = {}): TSearchIndexer {
  const pauseMs = options.pauseMs ?? PAUSE_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let pass: Promise<void> = Promise.resolve();

  const run = () => {
    timer = null;
    pass = drainAuditSearchQueue(client, { goOn: () => !stopped })
      .then(
        () => undefined,
        // Logged and tried again after the pause: an event waiting longer is still found.
        (error: unknown) => void logUnexpected(error, "indexing audit events for search"),
      )
      .finally(() => {
        // A timer must not keep a finished CLI process alive.
        if (!stopped) timer = setTimeout(run, pauseMs).unref();
      });
  };
  run();

  const indexer: TSearchIndexer = {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await pass;
    },
  };
  // Closing the database stops the loop first, so no pass runs on a closed pool.
  stopWithDb(indexer);
  return indexer;
}
