import type { TActorKind, TAuditType } from "@/lib/domain/audit-types";
import { escalationSlaState, type TSlaState } from "@/lib/domain/escalation-sla";
import type { AuditType, Prisma } from "@/lib/generated/prisma";
import { AUDIT_DATA_SCHEMAS, type TAuditData } from "@/lib/server/audit/event-data";

// One audit event as the feed, the event page and the API show it: plain JSON (ids and
// sequence numbers as strings), its data parsed with the schema of its type.

export type TTypedAuditData = { [T in AuditType]: { type: T; data: TAuditData<T> } }[AuditType];

export type TAuditFeedEntry = {
  id: string;
  type: TAuditType;
  occurredAt: string;
  actor: { kind: TActorKind; id: string | null; name: string; email: string | null; role: string | null; ip: string | null; userAgent: string | null };
  subject: { kind: string | null; value: string | null; alertId: string | null; decisionId: string | null; containmentId: string | null; policyVersion: number | null; playbookKey: string | null };
  summary: string;
  /** Null when the stored data does not parse with its type's schema (shown raw instead). */
  typed: TTypedAuditData | null;
  data: unknown;
  partition: number;
  seq: string;
  hash: string;
  prevHash: string | null;
  /** Escalations: whether it was answered within its SLA. */
  sla: { state: TSlaState; dueAt: string; status: string; approver: string | null } | null;
  /** Set for a signed-in person who may release the containment this entry enforced. */
  releasable?: boolean;
};

export const AUDIT_ENTRY_SELECT = {
  id: true, partition: true, partitionSeq: true, type: true, occurredAt: true, actorKind: true, actorId: true, actorName: true,
  actorEmail: true, actorRole: true, ip: true, userAgent: true, subjectKind: true, subjectValue: true, alertId: true,
  decisionId: true, containmentId: true, policyVersion: true, playbookKey: true, data: true, summary: true, prevHash: true, hash: true,
} satisfies Prisma.AuditEventSelect;

export type TAuditRow = Prisma.AuditEventGetPayload<{ select: typeof AUDIT_ENTRY_SELECT }>;

export type TEscalationRow = { id: string; status: "OPEN" | "APPROVED" | "REJECTED" | "SUPERSEDED"; slaDueAt: Date; resolvedAt: Date | null; approver: string | null };

function typedData(row: TAuditRow): TTypedAuditData | null {
  const parsed = AUDIT_DATA_SCHEMAS[row.type].safeParse(row.data);
  return parsed.success ? ({ type: row.type, data: parsed.data } as TTypedAuditData) : null;
}

export function escalationIdOf(row: Pick<TAuditRow, "type" | "data">): string | null {
  if (row.type !== "ESCALATION_OPENED" && row.type !== "ESCALATION_RESOLVED") return null;
  const id = (row.data as { escalationId?: unknown } | null)?.escalationId;
  return typeof id === "string" ? id : null;
}

export function toFeedEntry(row: TAuditRow, escalations: ReadonlyMap<string, TEscalationRow>, now: Date): TAuditFeedEntry {
  const escalationId = row.type === "ESCALATION_OPENED" ? escalationIdOf(row) : null;
  const escalation = escalationId ? escalations.get(escalationId) : undefined;
  return {
    id: row.id.toString(),
    type: row.type,
    occurredAt: row.occurredAt.toISOString(),
    actor: { kind: row.actorKind, id: row.actorId, name: row.actorName, email: row.actorEmail, role: row.actorRole, ip: row.ip, userAgent: row.userAgent },
    subject: { kind: row.subjectKind, value: row.subjectValue, alertId: row.alertId, decisionId: row.decisionId, containmentId: row.containmentId, policyVersion: row.policyVersion, playbookKey: row.playbookKey },
    summary: row.summary,
    typed: typedData(row),
    data: row.data,
    partition: row.partition,
    seq: row.partitionSeq.toString(),
    hash: row.hash,
    prevHash: row.prevHash,
    sla: escalation
      ? { state: escalationSlaState(escalation, now), dueAt: escalation.slaDueAt.toISOString(), status: escalation.status, approver: escalation.approver }
      : null,
  };
}
