import type { TAuditHashInput } from "@/lib/domain/audit-hash";

// The fields of a stored audit row that its hash covers. Writer and verifier both build
// the hash input through this function, so they cannot disagree on what is signed.
export type TAuditRowFields = {
  partition: number;
  partitionSeq: bigint | number;
  type: string;
  occurredAt: Date;
  actorKind: string;
  actorId: string | null;
  actorName: string;
  actorEmail: string | null;
  actorRole: string | null;
  ip: string | null;
  userAgent: string | null;
  subjectKind: string | null;
  subjectValue: string | null;
  alertId: string | null;
  decisionId: string | null;
  containmentId: string | null;
  policyVersion: number | null;
  playbookKey: string | null;
  data: unknown;
  summary: string;
  prevHash: string | null;
};

export function hashInputOf(row: TAuditRowFields): TAuditHashInput {
  return {
    prevHash: row.prevHash,
    seq: Number(row.partitionSeq),
    type: row.type,
    occurredAt: row.occurredAt,
    actor: {
      kind: row.actorKind,
      id: row.actorId,
      name: row.actorName,
      email: row.actorEmail,
      role: row.actorRole,
      ip: row.ip,
      userAgent: row.userAgent,
    },
    subject: {
      partition: row.partition,
      kind: row.subjectKind,
      value: row.subjectValue,
      alertId: row.alertId,
      decisionId: row.decisionId,
      containmentId: row.containmentId,
      policyVersion: row.policyVersion,
      playbookKey: row.playbookKey,
      summary: row.summary,
    },
    data: row.data,
  };
}
