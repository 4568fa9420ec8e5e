import "server-only";
import type { TRawSql } from "@/lib/db/raw-sql";

// The delta log's cursor is a transaction-id horizon, not a time or a sequence: rows are
// visible in commit order, which is not the order their ids or timestamps were taken in.
//
// horizon = xmin of the current snapshot: every transaction with txid < horizon has
// ended (committed or rolled back), and every transaction that starts writing later gets
// a txid >= horizon. So [cursor, horizon) is complete once read, and storing horizon as
// the next cursor skips nothing: a change whose transaction was still open is at or above
// the horizon and comes in a later read. See docs/ENFORCEMENT.md.

export type TEnforcementChangeRow = {
  id: bigint;
  txid: bigint;
  containmentId: string;
  kind: "ADDED" | "REMOVED";
  createdAt: Date;
};

/** Every transaction below the returned id has ended; the first read of a pull. */
export async function readHorizon(client: TRawSql): Promise<bigint> {
  const [row] = await client.$queryRaw<{ horizon: bigint }[]>`
    SELECT (pg_snapshot_xmin(pg_current_snapshot()))::text::bigint AS "horizon"`;
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
