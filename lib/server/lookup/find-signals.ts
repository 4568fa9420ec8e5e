import "server-only";
import type { TDb } from "@/lib/db/client";
import { escalationSlaState } from "@/lib/domain/escalation-sla";
import { lookupMatches, type TLookupTarget } from "@/lib/domain/lookup-query";
import { Prisma } from "@/lib/generated/prisma";
import { ALERT_RELATED, ALERT_TARGET, entityMatchSql, queryComposed, utc } from "./entity-sql";
import { LOOKUP_ROW_LIMIT } from "./find-matching-containments";

/**
 * "What signals did Reflex see about it?": alerts whose target touches the entity, or that
 * name it otherwise (the source of a login burst, the host an account used), received in
 * the window (a sender's own event time may be days old or wrong), newest first, with what
 * Reflex decided and, when it escalated, to whom and whether anyone answered within the SLA.
 * `matchedAs` says how the alert names the entity: "target", "source" or "related".
 */
export async function findSignals(client: TDb, options: { targets: readonly TLookupTarget[]; from: Date; to: Date; limit?: number; now?: Date }) {
  const now = options.now ?? new Date();
  const ids = await queryComposed<{ id: string }>(
    client,
    Prisma.sql`
    WITH hits AS MATERIALIZED (
      SELECT a."id", a."receivedAt" FROM "Alert" a
      WHERE ${entityMatchSql(options.targets, ALERT_TARGET)}
        AND a."receivedAt" >= ${utc(options.from)} AND a."receivedAt" < ${utc(options.to)}
      UNION
      SELECT x."alertId", x."receivedAt" FROM "AlertEntity" x
      WHERE ${entityMatchSql(options.targets, ALERT_RELATED)}
        AND x."receivedAt" >= ${utc(options.from)} AND x."receivedAt" < ${utc(options.to)})
    SELECT "id" FROM hits ORDER BY "receivedAt" DESC LIMIT ${options.limit ?? LOOKUP_ROW_LIMIT}`,
  );
  if (ids.length === 0) return [];
  const rows = await client.alert.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    orderBy: { receivedAt: "desc" },
    select: {
      id: true, source: true, ruleId: true, title: true, severity: true, occurredAt: true, receivedAt: true, targetKind: true, targetValue: true, status: true, rejectReason: true,
      relatedEntities: { select: { kind: true, value: true, role: true }, orderBy: { position: "asc" } },
      decisions: {
        select: {
          id: true, playbookKey: true, verdict: true, reasons: true, approver: true, policyVersion: true, confidence: true,
          containment: { select: { id: true, status: true } },
          escalation: { select: { id: true, status: true, approver: true, slaDueAt: true, resolvedAt: true, resolution: true } },
        },
      },
    },
  });
  return rows.flatMap(({ relatedEntities, ...a }) => {
    const target = a.targetKind !== null && a.targetValue !== null ? { kind: a.targetKind, value: a.targetValue, role: "target" } : null;
    const matched = [...(target ? [target] : []), ...relatedEntities].find((e) => lookupMatches(options.targets, e));
    if (!matched) return [];
    const decisions = a.decisions.map((d) => ({
      ...d,
      reasons: Array.isArray(d.reasons) ? (d.reasons as unknown[]).map(String) : [],
      escalation: d.escalation && { ...d.escalation, sla: escalationSlaState(d.escalation, now) },
    }));
    return [{ ...a, matchedAs: matched.role, matchedEntity: { kind: matched.kind, value: matched.value }, decisions }];
  });
}

export type TSignal = Awaited<ReturnType<typeof findSignals>>[number];
