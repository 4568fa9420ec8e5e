import type { TTx } from "@/lib/db/client";
import { computeAuditHash } from "@/lib/domain/audit-hash";
import type { ActorKind, AuditType } from "@/lib/generated/prisma";
import { AUDIT_DATA_SCHEMAS, type TAuditData } from "./event-data";
import { hashInputOf, type TAuditRowFields } from "./hash-input";
import { partitionFor } from "./partition";

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

export async function appendAudit<T extends AuditType>(tx: TTx, input: TAuditInput<T>): Promise<{ id: bigint; hash: string }> {
  if ("$transaction" in tx) throw new Error("appendAudit needs the transaction of the change it records, not the root client");
  const subject = input.subject ?? {};
  const subjectKey = subject.kind && subject.value ? `${subject.kind}:${subject.value}` : null;
  const head = headOfTx.get(tx) ?? (await lockHead(tx, partitionFor(subjectKey)));
  headOfTx.set(tx, head);

  // JSON round trip: the hash must cover exactly what the jsonb column gives back.
  const data = JSON.parse(JSON.stringify(AUDIT_DATA_SCHEMAS[input.type].parse(input.data)));
  const row: TAuditRowFields = {
    partition: head.partition,
    partitionSeq: head.seq + 1n,
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
    prevHash: head.hash,
  };
  const hash = computeAuditHash(hashInputOf(row));
  // The event and the head's advance in one round trip (the audit log is on every step of
  // the loop, so its statements are a large share of an alert's cost: docs/BENCHMARKS.md).
  // occurredAt goes in as UTC text: the column is timestamp(3) holding UTC, as Prisma writes it.
  const seq = row.partitionSeq.toString();
  const [created] = await tx.$queryRaw<{ id: bigint }[]>`
    WITH "event" AS (
      INSERT INTO "AuditEvent" (
        "partition", "partitionSeq", "type", "occurredAt", "actorKind", "actorId", "actorName", "actorEmail", "actorRole", "ip", "userAgent",
        "subjectKind", "subjectValue", "alertId", "decisionId", "containmentId", "policyVersion", "playbookKey", "data", "summary", "prevHash", "hash")
      VALUES (
        ${row.partition}, ${seq}::bigint, ${row.type}::"AuditType", (${row.occurredAt.toISOString()}::timestamptz AT TIME ZONE 'UTC'),
        ${row.actorKind}::"ActorKind", ${row.actorId}, ${row.actorName}, ${row.actorEmail}, ${row.actorRole}, ${row.ip}, ${row.userAgent},
        ${row.subjectKind}, ${row.subjectValue}, ${row.alertId}, ${row.decisionId}, ${row.containmentId}, ${row.policyVersion}::int, ${row.playbookKey},
        ${JSON.stringify(data)}::jsonb, ${row.summary}, ${row.prevHash}, ${hash})
      RETURNING "id"),
    "advance" AS (
      UPDATE "AuditChainHead" SET "seq" = ${seq}::bigint, "hash" = ${hash} WHERE "partition" = ${row.partition})
    SELECT "id" FROM "event"`;
  if (!created) throw new Error(`audit event ${row.partition}/${seq} was not stored`);
  head.seq = row.partitionSeq;
  head.hash = hash;
  return { id: created.id, hash };
}

async function lockHead(tx: TTx, partition: number) {
  const [head] = await tx.$queryRaw<{ seq: bigint; hash: string | null }[]>`
    SELECT "seq", "hash" FROM "AuditChainHead" WHERE "partition" = ${partition} FOR UPDATE`;
  if (!head) throw new Error(`audit partition ${partition} has no chain head (migrations not applied?)`);
  return { partition, seq: BigInt(head.seq), hash: head.hash };
}
