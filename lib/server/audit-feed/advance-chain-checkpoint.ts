import "server-only";
import type { TDb } from "@/lib/db/client";
import { summariseChain, type TChainStatus, type TPartitionProgress } from "@/lib/domain/audit-chain-status";
import { verifyChain } from "@/lib/domain/audit-hash";
import { hashInputOf } from "@/lib/server/audit/hash-input";
import { AUDIT_PARTITIONS } from "@/lib/server/audit/partition";
import { readSetting, writeSetting, type TSettingValue } from "@/lib/server/settings/settings";

// "Verified up to event N" without re-verifying millions of rows per page view: a
// checkpoint per partition (the last verified seq and its hash, kept in the Setting table)
// moves forward by at most `budget` events per call. Each call checks only events after
// the checkpoint, anchored on the checkpoint's hash, so a chain rewritten behind the
// checkpoint no longer links to it. A full re-walk remains `npx reflex audit verify`.
//
// The verification reads run outside any transaction (in embedded mode a long transaction
// would stall every other query); only the read-merge-write of the checkpoint is one short
// transaction under an advisory lock. Two instances advancing at once both verify, and the
// merge keeps the further checkpoint of each partition: both are prefixes of one chain.

type TCheckpoint = TSettingValue<"audit.chainCheckpoint">;
type TPartitionCheckpoint = TCheckpoint["partitions"][number];

const PAGE = 2000;
const DEFAULT_BUDGET = 5_000; // about 0.3 s of hashing on this machine (docs/AUDIT.md)
const LOCK_KEY = 7_315_420_611n; // pg_advisory_xact_lock key for the checkpoint row

function emptyCheckpoint(partition: number): TPartitionCheckpoint {
  return { partition, seq: 0, hash: null, lastId: null, broken: null };
}

function byPartition(stored: TCheckpoint): TPartitionCheckpoint[] {
  return Array.from({ length: AUDIT_PARTITIONS }, (_, p) => stored.partitions.find((c) => c.partition === p) ?? emptyCheckpoint(p));
}

/** Verifies up to `limit` events after the checkpoint of one partition. */
async function advancePartition(client: TDb, from: TPartitionCheckpoint, headSeq: number, limit: number): Promise<{ next: TPartitionCheckpoint; checked: number }> {
  let current = from;
  let checked = 0;
  if (current.broken) return { next: current, checked };
  if (headSeq < current.seq) {
    const broken = { seq: headSeq + 1, id: null, reason: `the chain head says ${headSeq} events but ${current.seq} were verified before: events were removed` };
    return { next: { ...current, broken }, checked };
  }
  while (checked < limit && current.seq < headSeq) {
    const rows = await client.auditEvent.findMany({
      where: { partition: current.partition, partitionSeq: { gt: BigInt(current.seq) } },
      orderBy: { partitionSeq: "asc" },
      take: Math.min(PAGE, limit - checked),
    });
    if (rows.length === 0) break;
    const verdict = verifyChain(rows.map((r) => ({ ...hashInputOf(r), hash: r.hash })), { seq: current.seq, hash: current.hash });
    if (!verdict.ok) {
      const at = rows.find((r) => Number(r.partitionSeq) === verdict.brokenAt);
      return { next: { ...current, broken: { seq: verdict.brokenAt, id: at?.id.toString() ?? null, reason: verdict.reason } }, checked: checked + rows.length };
    }
    const last = rows[rows.length - 1]!;
    current = { ...current, seq: Number(last.partitionSeq), hash: last.hash, lastId: last.id.toString() };
    checked += rows.length;
  }
  return { next: current, checked };
}

function further(a: TPartitionCheckpoint, b: TPartitionCheckpoint): TPartitionCheckpoint {
  const broken = [a.broken, b.broken].filter((x) => x !== null).sort((x, y) => x.seq - y.seq)[0] ?? null;
  const base = b.seq > a.seq ? b : a;
  return { ...base, broken };
}

async function saveMerged(client: TDb, advanced: TPartitionCheckpoint[], now: Date): Promise<TPartitionCheckpoint[]> {
  return client.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
    const stored = byPartition(await readSetting(tx, "audit.chainCheckpoint"));
    const merged = stored.map((s, p) => further(s, advanced[p]!));
    await writeSetting(tx, "audit.chainCheckpoint", { partitions: merged, checkedAt: now.toISOString() });
    return merged;
  });
}

/** Moves the checkpoint forward (at most `budget` events) and says how far the chain is verified. */
export async function advanceChainCheckpoint(client: TDb, options: { budget?: number; now?: Date } = {}): Promise<TChainStatus & { checkedAt: string | null }> {
  const budget = options.budget ?? DEFAULT_BUDGET;
  const now = options.now ?? new Date();
  const stored = await readSetting(client, "audit.chainCheckpoint");
  const heads = new Map((await client.auditChainHead.findMany()).map((h) => [h.partition, Number(h.seq)]));
  let checkpoints = byPartition(stored);
  const lagging = checkpoints.filter((c) => !c.broken && (heads.get(c.partition) ?? 0) !== c.seq);
  if (lagging.length > 0) {
    // A fair share per lagging partition first, then what is left to whoever still lags.
    const advanced = [...checkpoints];
    let left = budget;
    for (const share of [Math.ceil(budget / lagging.length), budget]) {
      for (const c of lagging) {
        if (left <= 0) break;
        const step = await advancePartition(client, advanced[c.partition]!, heads.get(c.partition) ?? 0, Math.min(share, left));
        advanced[c.partition] = step.next;
        left -= step.checked;
      }
    }
    checkpoints = await saveMerged(client, advanced, now);
  }
  const progress = await Promise.all(checkpoints.map((c) => progressOf(client, c, heads.get(c.partition) ?? 0)));
  return { ...summariseChain(progress), checkedAt: lagging.length > 0 ? now.toISOString() : stored.checkedAt };
}

async function progressOf(client: TDb, c: TPartitionCheckpoint, headSeq: number): Promise<TPartitionProgress> {
  const firstPending =
    !c.broken && headSeq > c.seq
      ? await client.auditEvent.findUnique({ where: { partition_partitionSeq: { partition: c.partition, partitionSeq: BigInt(c.seq + 1) } }, select: { id: true } })
      : null;
  return {
    partition: c.partition,
    verifiedSeq: c.seq,
    verifiedLastId: c.lastId ? BigInt(c.lastId) : null,
    headSeq,
    firstPendingId: firstPending?.id ?? null,
    broken: c.broken ? { seq: c.broken.seq, id: c.broken.id ? BigInt(c.broken.id) : null, reason: c.broken.reason } : null,
  };
}
