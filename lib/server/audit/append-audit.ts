import type { TTx } from "@/lib/db/client";
import { computeAuditHash } from "@/lib/domain/audit-hash";
import type { ActorKind, AuditType, Prisma } from "@/lib/generated/prisma";
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
// their heads in the opposite order of another one and deadlock.
const partitionOfTx = new WeakMap<object, number>();

export async function appendAudit<T extends AuditType>(tx: TTx, input: TAuditInput<T>): Promise<{ id: bigint; hash: string }> {
  const subject = input.subject ?? {};
  const subjectKey = subject.kind && subject.value ? `${subject.kind}:${subject.value}` : null;
  const partition = partitionOfTx.get(tx) ?? partitionFor(subjectKey);
  partitionOfTx.set(tx, partition);

  // JSON round trip: the hash must cover exactly what the jsonb column gives back.
  const data = JSON.parse(JSON.stringify(AUDIT_DATA_SCHEMAS[input.type].parse(input.data)));
  const [head] = await tx.$queryRaw<{ seq: bigint; hash: string | null }[]>`
    SELECT "seq", "hash" FROM "AuditChainHead" WHERE "partition" = ${partition} FOR UPDATE`;
  if (!head) throw new Error(`audit partition ${partition} has no chain head (migrations not applied?)`);

  const row: TAuditRowFields = {
    partition,
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
  const created = await tx.auditEvent.create({
    data: {
      ...row,
      data: data as Prisma.InputJsonValue,
      partitionSeq: BigInt(row.partitionSeq),
      type: input.type,
      actorKind: input.actor.kind,
      hash,
    },
    select: { id: true },
  });
  await tx.auditChainHead.update({ where: { partition }, data: { seq: row.partitionSeq, hash } });
  return { id: created.id, hash };
}
