-- Full-text search over the audit log moves out of the append's transaction: computing
-- to_tsvector over an event's sentence and inserting its GIN entries were 29 % of the
-- database's work per alert, on the pipeline's critical path (docs/BENCHMARKS.md). The
-- append now only queues the event's id (one B-tree entry); the search indexer
-- (lib/server/audit/index-audit-search.ts, run with the job workers) moves queued events
-- into "AuditSearch" in batches. A search reads both, so an event is found from the
-- moment it commits (lib/server/audit-feed/list-audit-events.ts).

-- Events written but not yet in "AuditSearch". Neither table has a foreign key: both are
-- derived from the append-only "AuditEvent" (the queue's ids come from the statement that
-- inserts the events, the search rows from a join on them), a key check would cost every
-- append a lookup, and a reference would change how TRUNCATE "AuditEvent" is refused.
CREATE TABLE "AuditSearchQueue" (
  "eventId" BIGINT NOT NULL,
  CONSTRAINT "AuditSearchQueue_pkey" PRIMARY KEY ("eventId")
);

-- One row per indexed event: its sentence as a 'simple' tsvector (no stemming, no stop
-- words: summaries are full of addresses, host names and rule ids that stemming mangles).
CREATE TABLE "AuditSearch" (
  "eventId" BIGINT NOT NULL,
  "document" tsvector NOT NULL,
  CONSTRAINT "AuditSearch_pkey" PRIMARY KEY ("eventId")
);

-- Every event written so far, indexed here rather than queued: a search over a long queue
-- computes each queued sentence's vector again.
INSERT INTO "AuditSearch" ("eventId", "document") SELECT "id", to_tsvector('simple', "summary") FROM "AuditEvent";

CREATE INDEX "AuditSearch_document" ON "AuditSearch" USING gin ("document");

DROP INDEX "AuditEvent_summary_fts";
