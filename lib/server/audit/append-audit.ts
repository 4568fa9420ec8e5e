import { runsInTransaction, type TRawSql } from "@/lib/db/raw-sql";
import { computeAuditHash } from "@/lib/domain/audit-hash";
import type { ActorKind, AuditType } from "@/lib/generated/prisma";
import { AUDIT_DATA_SCHEMAS, type TAuditData } from "./event-data";
import { hashInputOf, type TAuditRowFields } from "./hash-input";
import { partitionFor } from "./partition";
import { chunked, rowsParameter, selectRows } from "@/lib/server/db/insert-rows";

// The one audit writer. It takes the transaction of the change it records (never the root
// client: the partition head's row lock must live as long as that transaction), so the
// event commits or rolls back with the change.

export type TAuditActor = {
  kind: ActorKind;
  id?: string | null;
  name: string;
  email?: string | null;
  role?: string | null;
  ip?: string | null;
  userAgent?: string | null;
};

export type TAuditSubject = {
  kind?: string | null;
  value?: string | null;
  alertId?: string | null;
  decisionId?: string | null;
  containmentId?: string | null;
  policyVersion?: number | null;
  playbookKey?: string | null;
};

export type TAuditInput<T extends AuditType> = {
  type: T;
  actor: TAuditActor;
  subject?: TAuditSubject;
  data: TAuditData<T>;
  /** One readable sentence: what the feed shows and full-text search looks in. */
  summary: string;
  occurredAt?: Date;
};

export const SYSTEM_ACTOR: TAuditActor = { kind: "SYSTEM", name: "Reflex" };

// One partition per transaction: a transaction that wrote to two partitions could lock
// their heads in the opposite order of another one and deadlock. The head is locked and
// read once per transaction and then carried here: the lock keeps every other writer out
// until commit, so the copy cannot go stale, and a failed statement aborts the whole
// transaction, copy included.
const headOfTx = new WeakMap<object, { partition: number; seq: bigint; hash: string | null }>();

const COLUMNS = [
  "partition", "partitionSeq", "type", "occurredAt", "actorKind", "actorId", "actorName", "actorEmail", "actorRole", "ip", "userAgent",
  "subjectKind", "subjectValue", "alertId", "decisionId", "containmentId", "policyVersion", "playbookKey", "data", "summary", "prevHash", "hash",
] as const;

/** Appends one event to the log; see appendAuditEvents. */
export async function appendAudit<T extends AuditType>(tx: TRawSql, input: TAuditInput<T>): Promise<{ id: bigint; hash: string }> {
  const [written] = await appendAuditEvents(tx, [input]);
  return written!;
}

/**
 * Appends events, in order, in one statement with the head's advance (the audit log is on
 * every step of the loop and on every alert of a batch, so its round trips were a large
 * share of an alert's cost: docs/BENCHMARKS.md). The same statement queues the events for
 * the search indexer (index-audit-search.ts) instead of indexing their sentences here.
 */
export async function appendAuditEvents(tx: TRawSql, inputs: readonly TAuditInput<AuditType>[]): Promise<{ id: bigint; hash: string }[]> {
  if (!runsInTransaction(tx)) throw new Error("appendAudit needs the transaction of the change it records, not a client whose statements commit on their own");
  if (inputs.length === 0) return [];
  const subject = inputs[0]!.subject ?? {};
  const subjectKey = subject.kind && subject.value ? `${subject.kind}:${subject.value}` : null;
  const head = headOfTx.get(tx) ?? (await lockHead(tx, partitionFor(subjectKey)));
  headOfTx.set(tx, head);

  const written: { id: bigint; hash: string }[] = [];
  // Each statement carries its part of the chain and advances the head past it.
  for (const part of chunked(inputs)) {
    let { seq, hash: prevHash } = head;
    const rows = part.map((input) => {
      const row = rowOf(input, head.partition, seq + 1n, prevHash);
      seq = BigInt(row.partitionSeq);
      prevHash = row.hash;
      return row;
    });
    const created = await tx.$queryRawUnsafe<{ id: bigint; hash: string }[]>(
      `WITH "event" AS (
         INSERT INTO "AuditEvent" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) ${selectRows("AuditEvent", COLUMNS, 1)}
         RETURNING "id", "hash"),
       "advance" AS (
         UPDATE "AuditChainHead" SET "seq" = $2::bigint, "hash" = $3 WHERE "partition" = $4),
       "queued" AS (
         INSERT INTO "AuditSearchQueue" ("eventId") SELECT "id" FROM "event")
       SELECT "id", "hash" FROM "event" ORDER BY "id"`,
      rowsParameter(rows.map(sqlRow)),
      seq.toString(),
      prevHash,
      head.partition,
    );
    if (created.length !== rows.length) throw new Error(`audit events ${head.partition}/${head.seq + 1n}… were not all stored`);
    head.seq = seq;
    head.hash = prevHash;
    written.push(...created);
  }
  return written;
}

function rowOf(input: TAuditInput<AuditType>, partition: number, partitionSeq: bigint, prevHash: string | null): TAuditRowFields & { hash: string } {
  const subject = input.subject ?? {};
  // The hash must cover exactly what the jsonb column gives back. Canonical JSON writes what
  // JSON.stringify (the rows parameter) would and refuses what it would change (non-finite
  // numbers, class instances), so the verifier's hash of the stored data is this one; a
  // JSON round trip here to make sure cost more than the zod check.
  const data: unknown = AUDIT_DATA_SCHEMAS[input.type].parse(input.data);
  const row: TAuditRowFields = {
    partition,
    partitionSeq,
    type: input.type,
    occurredAt: input.occurredAt ?? new Date(),
    actorKind: input.actor.kind,
    actorId: input.actor.id ?? null,
    actorName: input.actor.name,
    actorEmail: input.actor.email ?? null,
    actorRole: input.actor.role ?? null,
    ip: input.actor.ip ?? null,
    userAgent: input.actor.userAgent ?? null,
    subjectKind: subject.kind ?? null,
    subjectValue: subject.value ?? null,
    alertId: subject.alertId ?? null,
    decisionId: subject.decisionId ?? null,
    containmentId: subject.containmentId ?? null,
    policyVersion: subject.policyVersion ?? null,
    playbookKey: subject.playbookKey ?? null,
    data,
    summary: input.summary,
    prevHash,
  };
  return { ...row, hash: computeAuditHash(hashInputOf(row)) };
}

/** The row as the rows parameter carries it: JSON has no bigint. */
function sqlRow(row: TAuditRowFields & { hash: string }) {
  return { ...row, partitionSeq: row.partitionSeq.toString() };
}

async function lockHead(tx: TRawSql, partition: number) {
  const [head] = await tx.$queryRaw<{ seq: bigint; hash: string | null }[]>`
    SELECT "seq", "hash" FROM "AuditChainHead" WHERE "partition" = ${partition} FOR UPDATE`;
  if (!head) throw new Error(`audit partition ${partition} has no chain head (migrations not applied?)`);
  return { partition, seq: BigInt(head.seq), hash: head.hash };
}
