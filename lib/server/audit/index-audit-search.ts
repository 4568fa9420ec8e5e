import type { TRawSql } from "@/lib/db/raw-sql";

// The audit log's full-text search is filled here, out of the append's transaction: the
// append only queues each event's id (append-audit.ts), so the pipeline's critical path no
// longer computes a vector over every sentence or inserts its GIN entries
// (docs/BENCHMARKS.md). A search reads the indexed events and the queued ones together
// (lib/server/audit-feed/list-audit-events.ts), so nothing is ever missing from it.

/** Events moved per statement: bounds one transaction's length and its locks. */
export const SEARCH_INDEX_BATCH = 5000;

/**
 * Moves up to `limit` queued events, oldest first, into AuditSearch and returns how many it
 * took. One statement, so one transaction: a search sees each event either queued or
 * indexed, never both or neither. SKIP LOCKED lets indexers in several processes (the
 * console, `npx reflex worker`) share the queue without waiting on each other.
 */
export async function indexAuditSearch(client: TRawSql, options: { limit?: number } = {}): Promise<number> {
  const [row] = await client.$queryRawUnsafe<{ taken: number }[]>(
    `WITH "taken" AS (
       DELETE FROM "AuditSearchQueue" WHERE "eventId" IN (
         SELECT "eventId" FROM "AuditSearchQueue" ORDER BY "eventId" LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING "eventId"),
     "indexed" AS (
       INSERT INTO "AuditSearch" ("eventId", "document")
       SELECT e."id", to_tsvector('simple', e."summary") FROM "taken" t JOIN "AuditEvent" e ON e."id" = t."eventId"
       ON CONFLICT ("eventId") DO NOTHING)
     SELECT count(*)::int AS "taken" FROM "taken"`,
    options.limit ?? SEARCH_INDEX_BATCH,
  );
  return row?.taken ?? 0;
}

/**
 * Indexes until the queue is empty (as far as this process can take it) or `goOn` says
 * stop, checked between statements (under sustained load the queue may never empty);
 * returns how many it took.
 */
export async function drainAuditSearchQueue(client: TRawSql, options: { limit?: number; goOn?: () => boolean } = {}): Promise<number> {
  const limit = options.limit ?? SEARCH_INDEX_BATCH;
  const goOn = options.goOn ?? (() => true);
  let total = 0;
  while (goOn()) {
    const taken = await indexAuditSearch(client, { limit });
    total += taken;
    if (taken < limit) break;
  }
  return total;
}

/**
 * Queues every event that is in neither AuditSearch nor the queue, and returns how many. Only
 * an event appended by a process of a version before the queue existed can be (one still
 * running while the migration ran); `npx reflex audit reindex` repairs that. An event the
 * indexer is moving meanwhile is in one of the two in this statement's snapshot, so it is
 * never queued twice.
 */
export async function requeueUnindexedAuditEvents(client: TRawSql): Promise<number> {
  return client.$executeRawUnsafe(
    `INSERT INTO "AuditSearchQueue" ("eventId")
     SELECT e."id" FROM "AuditEvent" e
     WHERE NOT EXISTS (SELECT 1 FROM "AuditSearch" s WHERE s."eventId" = e."id")
       AND NOT EXISTS (SELECT 1 FROM "AuditSearchQueue" w WHERE w."eventId" = e."id")
     ON CONFLICT ("eventId") DO NOTHING`,
  );
}

/**
 * How many events wait for the indexer (counted up to `cap`, so that a page asking stays
 * fast however long the queue): what the benchmark reports, and a search's extra work.
 */
export async function auditSearchBacklog(client: TRawSql, options: { cap?: number } = {}): Promise<number> {
  const [row] = await client.$queryRawUnsafe<{ waiting: number }[]>(
    // LIMIT NULL is no limit.
    `SELECT count(*)::int AS "waiting" FROM (SELECT 1 FROM "AuditSearchQueue" LIMIT $1::bigint) AS "queued"`,
    options.cap ?? null,
  );
  return row?.waiting ?? 0;
}
