import "server-only";
import type { TRawSql } from "@/lib/db/raw-sql";

// The delta log's cursor is a transaction-id horizon, not a time or a sequence: rows are
// visible in commit order, which is not the order their ids or timestamps were taken in.
//
// horizon = the oldest transaction still open that could write this log, else the next
// txid to be assigned: every transaction with txid < horizon has ended (committed or rolled
// back) or belongs to another database, and every transaction that starts writing later
// gets a txid >= horizon. So [cursor, horizon) is complete once read, and storing horizon as
// the next cursor skips nothing: a change whose transaction was still open is at or above
// the horizon and comes in a later read. See docs/ENFORCEMENT.md.
//
// Transaction ids are server-wide, so the snapshot's own xmin would let a transaction left
// open in any other database on the server hold every firewall and bouncer back until it
// ends. Its id is left out when a session of another database holds it: an id belongs to
// one transaction only, so one seen in another database is that database's, whenever it
// was seen. Any id not seen there (ours, or ended, or a prepared transaction) still holds
// the horizon, as before.

export type TEnforcementChangeRow = {
  id: bigint;
  txid: bigint;
  containmentId: string;
  kind: "ADDED" | "REMOVED";
  createdAt: Date;
};

/** Every transaction below the returned id that could write this log has ended; the first read of a pull. */
export async function readHorizon(client: TRawSql): Promise<bigint> {
  // pg_stat_activity shows 32-bit transaction ids; the snapshot's are 64-bit (epoch above).
  // On a standby the primary's running ids are not in the snapshot's list (xip) at all, so
  // only its xmin is safe there: the list would be empty and xmax past them.
  const [row] = await client.$queryRaw<{ horizon: bigint }[]>`
    SELECT CASE WHEN pg_is_in_recovery() THEN pg_snapshot_xmin(s)::text::bigint ELSE coalesce(
      (SELECT min(x::text::bigint) FROM pg_snapshot_xip(s) AS x
       WHERE x::text::bigint % 4294967296 NOT IN (
         SELECT a.backend_xid::text::bigint FROM pg_stat_activity a
         WHERE a.datname IS DISTINCT FROM current_database() AND a.backend_xid IS NOT NULL)),
      pg_snapshot_xmax(s)::text::bigint) END AS "horizon"
    FROM pg_current_snapshot() AS s`;
  if (!row) throw new Error("pg_current_snapshot() returned no row");
  return BigInt(row.horizon);
}

/**
 * Changes with cursor <= txid < horizon, in transaction order, and the horizon to store
 * as the next cursor. The horizon is read before the changes, in an earlier statement:
 * everything below it has ended by then, so the later statement sees all of it.
 */
export async function readEnforcementChanges(
  client: TRawSql,
  options: { cursor: bigint },
): Promise<{ horizon: bigint; changes: TEnforcementChangeRow[] }> {
  const horizon = await readHorizon(client);
  if (options.cursor >= horizon) return { horizon: options.cursor, changes: [] };
  const rows = await client.$queryRaw<(Omit<TEnforcementChangeRow, "kind"> & { kind: string })[]>`
    SELECT "id", "txid", "containmentId", "kind"::text AS "kind", "createdAt"
    FROM "EnforcementChange"
    WHERE "txid" >= ${options.cursor} AND "txid" < ${horizon}
    ORDER BY "txid", "id"`;
  const changes = rows.map((r) => ({
    id: BigInt(r.id),
    txid: BigInt(r.txid),
    containmentId: r.containmentId,
    kind: r.kind === "REMOVED" ? ("REMOVED" as const) : ("ADDED" as const),
    createdAt: new Date(r.createdAt),
  }));
  return { horizon, changes };
}
