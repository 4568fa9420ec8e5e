-- The audit hash is checked by walking the chain, never looked up, and it cannot repeat:
-- it covers the event's partition and sequence number, which ("partition",
-- "partitionSeq") already keeps unique. Its unique index cost every append a random
-- B-tree insert (about 5 µs per event, 5 events per alert: docs/BENCHMARKS.md).
DROP INDEX "AuditEvent_hash_key";
