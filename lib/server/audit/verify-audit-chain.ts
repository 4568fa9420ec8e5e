import type { TDb } from "@/lib/db/client";
import { verifyChain, type TChainAnchor } from "@/lib/domain/audit-hash";
import { hashInputOf } from "./hash-input";
import { AUDIT_PARTITIONS } from "./partition";

export type TPartitionReport =
  | { partition: number; ok: true; events: number }
  | { partition: number; ok: false; events: number; brokenAtId: bigint | null; brokenAtSeq: number; reason: string };

const PAGE = 5000;

/** Walks every partition's chain page by page and checks it ends where its head says. */
export async function verifyAuditChain(client: TDb): Promise<TPartitionReport[]> {
  const reports: TPartitionReport[] = [];
  for (let partition = 0; partition < AUDIT_PARTITIONS; partition++) {
    reports.push(await verifyPartition(client, partition));
  }
  return reports;
}

async function verifyPartition(client: TDb, partition: number): Promise<TPartitionReport> {
  let anchor: TChainAnchor = { seq: 0, hash: null };
  let events = 0;
  for (;;) {
    const rows = await client.auditEvent.findMany({
      where: { partition, partitionSeq: { gt: BigInt(anchor.seq) } },
      orderBy: { partitionSeq: "asc" },
      take: PAGE,
    });
    if (rows.length === 0) break;
    const verdict = verifyChain(
      rows.map((r) => ({ ...hashInputOf(r), hash: r.hash })),
      anchor,
    );
    if (!verdict.ok) {
      const broken = rows.find((r) => Number(r.partitionSeq) === verdict.brokenAt);
      return { partition, ok: false, events: events + rows.length, brokenAtId: broken?.id ?? null, brokenAtSeq: verdict.brokenAt, reason: verdict.reason };
    }
    const last = rows[rows.length - 1]!;
    anchor = { seq: Number(last.partitionSeq), hash: last.hash };
    events += rows.length;
  }
  const head = await client.auditChainHead.findUnique({ where: { partition } });
  if (head && (Number(head.seq) !== anchor.seq || head.hash !== anchor.hash)) {
    return {
      partition,
      ok: false,
      events,
      brokenAtId: null,
      brokenAtSeq: anchor.seq + 1,
      reason: `chain ends at event ${anchor.seq} but its head records event ${head.seq}: events are missing from the end`,
    };
  }
  return { partition, ok: true, events };
}
