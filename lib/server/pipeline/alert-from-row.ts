import type { TAlertFormat, TEntity, TNormalizedAlert, TSeverity } from "@/lib/domain/types";
import type { Alert } from "@/lib/generated/prisma";

/** A stored alert back in the shape playbooks read (live traffic and backtests alike). */
export function alertFromRow(row: Alert): TNormalizedAlert {
  const entities = Array.isArray(row.entities) ? (row.entities as unknown as TEntity[]) : [];
  return {
    format: row.format as TAlertFormat,
    source: row.source,
    externalId: row.externalId,
    ruleId: row.ruleId,
    title: row.title,
    severity: row.severity as TSeverity,
    entities,
    target: row.targetKind && row.targetValue ? { kind: row.targetKind, value: row.targetValue, role: "target" } : null,
    occurredAt: row.occurredAt,
    raw: row.raw,
  };
}
