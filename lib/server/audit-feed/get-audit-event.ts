import "server-only";
import type { TDb } from "@/lib/db/client";
import { ExpectedError } from "@/lib/server/errors";
import { AUDIT_ENTRY_SELECT, escalationIdOf, toFeedEntry } from "./feed-entry";
import { loadEscalations } from "./list-audit-events";

/** One event with its neighbours in its hash chain and the alert it is about (raw payload). */
export async function getAuditEvent(client: TDb, idText: string, now: Date = new Date()) {
  if (!/^\d{1,18}$/.test(idText)) throw new ExpectedError("NOT_FOUND", "No audit event with that number.");
  const row = await client.auditEvent.findUnique({ where: { id: BigInt(idText) }, select: AUDIT_ENTRY_SELECT });
  if (!row) throw new ExpectedError("NOT_FOUND", "No audit event with that number.");
  const neighbours = await client.auditEvent.findMany({
    where: { partition: row.partition, partitionSeq: { in: [row.partitionSeq - 1n, row.partitionSeq + 1n] } },
    select: { id: true, partitionSeq: true, hash: true, prevHash: true },
  });
  const previous = neighbours.find((n) => n.partitionSeq === row.partitionSeq - 1n) ?? null;
  const next = neighbours.find((n) => n.partitionSeq === row.partitionSeq + 1n) ?? null;
  const alert = row.alertId
    ? await client.alert.findUnique({ where: { id: row.alertId }, select: { id: true, format: true, source: true, externalId: true, ruleId: true, title: true, severity: true, occurredAt: true, receivedAt: true, raw: true } })
    : null;
  const escalations = await loadEscalations(client, [escalationIdOf(row)].flatMap((id) => id ?? []));
  return {
    event: toFeedEntry(row, escalations, now),
    previous: previous && { id: previous.id.toString(), hash: previous.hash, linksUp: previous.hash === row.prevHash },
    next: next && { id: next.id.toString(), linksUp: next.prevHash === row.hash },
    alert,
  };
}
