import { randomUUID } from "node:crypto";
import type { TDb } from "@/lib/db/client";
import type { TRawSql } from "@/lib/db/raw-sql";
import { compareText } from "@/lib/domain/compare-text";
import type { TNormalizedAlert } from "@/lib/domain/types";
import type { AuditType } from "@/lib/generated/prisma";
import { appendAuditEvents, type TAuditActor, type TAuditInput } from "@/lib/server/audit/append-audit";
import { insertRows } from "@/lib/server/db/insert-rows";

// Step 1 of the loop: make alerts durable. Everything is committed before the caller
// answers 2xx; duplicates (same source + external id, or a repeated Idempotency-Key) are
// recognised by unique constraints, not by looking first, so concurrent retries collide
// in the database and only one copy gets a decision. Live traffic stores and decides in
// one transaction (accept-alerts.ts); this stores alone, for the paths that decide later.

export type TIngestedAlert = { alertId: string; externalId: string; duplicate: boolean; rejected: string | null };

/** One alert to store: its id (chosen before storing, so it can be planned for), Idempotency-Key and sender. */
export type TAlertToStore = { id: string; alert: TNormalizedAlert; key: string | null; actor: TAuditActor };

/** Most alerts one transaction stores (or stores and decides): it keeps each transaction short. */
export const MAX_ALERTS_PER_TRANSACTION = 500;
// Prisma's default 5 s interactive-transaction timeout aborted whole batches under load
// (docs/BENCHMARKS.md); a chunk of 500 alerts with their audit lines needs longer.
const CHUNK_TX = { timeout: 60_000, maxWait: 30_000 };

const COLUMNS = [
  "id", "format", "source", "externalId", "ruleId", "title", "severity", "occurredAt", "receivedAt", "targetKind", "targetValue",
  "entities", "raw", "idempotencyKey", "status", "rejectReason",
] as const;

function rejectionOf(alert: TNormalizedAlert): string | null {
  return alert.target ? null : "The alert names no IP, host or account to act on; it is kept for context only.";
}

/** The state an alert is stored in when the transaction storing it also decides it: it needs no claim then. */
export type TStoredClaim = { status: "DECIDED" | "REJECTED"; rejectReason: string | null };

/** The items of one request: ids chosen now, the Idempotency-Key numbered per alert. */
export function alertsToStore(options: { alerts: readonly TNormalizedAlert[]; idempotencyKey?: string | null; actor: TAuditActor }): TAlertToStore[] {
  return options.alerts.map((alert, i) => ({
    id: randomUUID(),
    alert,
    key: options.idempotencyKey ? `${options.idempotencyKey}#${i}` : null,
    actor: options.actor,
  }));
}

/** Stores one request's alerts, each chunk in a transaction of its own, signed. */
export function ingestAlerts(client: TDb, options: { alerts: readonly TNormalizedAlert[]; idempotencyKey?: string | null; actor: TAuditActor }): Promise<TIngestedAlert[]> {
  return storeAlertsAlone(client, alertsToStore(options));
}

/** Stores alerts, each chunk in a transaction of its own, signed. */
export async function storeAlertsAlone(client: TDb, items: readonly TAlertToStore[]): Promise<TIngestedAlert[]> {
  const results: TIngestedAlert[] = [];
  for (let start = 0; start < items.length; start += MAX_ALERTS_PER_TRANSACTION) {
    const chunk = items.slice(start, start + MAX_ALERTS_PER_TRANSACTION);
    results.push(
      ...(await client.$transaction(async (tx) => {
        const stored = await storeAlerts(tx, chunk, new Date());
        await appendAuditEvents(tx, stored.audit);
        return stored.results;
      }, CHUNK_TX)),
    );
  }
  return results;
}

/**
 * The stored alerts that duplicates repeat, by (source, external id) or Idempotency-Key
 * ($1 sources, $2 external ids, $3 keys): two arms, each on its unique index. (One WHERE
 * with OR made PostgreSQL scan the whole table.)
 */
export const STORED_DUPLICATES = `
  SELECT a."id", a."source", a."externalId", a."idempotencyKey"
  FROM unnest($1::text[], $2::text[]) AS d("source", "externalId")
  JOIN "Alert" a ON a."source" = d."source" AND a."externalId" = d."externalId"
  UNION
  SELECT a."id", a."source", a."externalId", a."idempotencyKey" FROM "Alert" a WHERE a."idempotencyKey" = ANY($3::text[])`;

const sameAlert = (a: { source: string; externalId: string }) => `${a.source}\u0000${a.externalId}`;

/**
 * Inserts alerts in the caller's transaction and returns, per item, whether it is new or a
 * duplicate (and of which stored alert), with the audit lines the caller must append in
 * the same transaction. `claims` gives the state of alerts the same transaction decides
 * (decide-alerts.ts, `inserted`): a row written once rather than inserted and then updated,
 * which rewrote it and all nine of its index entries.
 */
export async function storeAlerts(
  tx: TRawSql,
  items: readonly TAlertToStore[],
  receivedAt: Date,
  claims: ReadonlyMap<string, TStoredClaim> = new Map(),
): Promise<{ results: TIngestedAlert[]; audit: TAuditInput<AuditType>[] }> {
  const inserted = await insertRows<{ id: string; source: string; externalId: string }>(tx, {
    table: "Alert",
    columns: COLUMNS,
    // In one order everywhere (stable, so a repeated alert's first copy stays first): two
    // transactions inserting the same alerts in opposite orders would wait for each other.
    rows: [...items].sort((a, b) => compareText(sameAlert(a.alert), sameAlert(b.alert))).map(({ id, alert: a, key }) => ({
      id,
      format: a.format,
      source: a.source,
      externalId: a.externalId,
      ruleId: a.ruleId,
      title: a.title,
      severity: a.severity,
      occurredAt: a.occurredAt,
      receivedAt,
      targetKind: a.target?.kind ?? null,
      targetValue: a.target?.value ?? null,
      entities: a.entities,
      raw: a.raw,
      idempotencyKey: key,
      status: a.target ? (claims.get(id)?.status ?? "RECEIVED") : "REJECTED",
      rejectReason: a.target ? (claims.get(id)?.rejectReason ?? null) : rejectionOf(a),
    })),
    suffix: `ON CONFLICT DO NOTHING RETURNING "id", "source", "externalId"`,
  });
  const newIds = new Map(inserted.map((r) => [sameAlert(r), r.id]));
  const duplicates = items.filter(({ alert }) => !newIds.has(sameAlert(alert)));
  const existing = duplicates.length
    ? await tx.$queryRawUnsafe<{ id: string; source: string; externalId: string; idempotencyKey: string | null }[]>(
        STORED_DUPLICATES,
        duplicates.map(({ alert }) => alert.source),
        duplicates.map(({ alert }) => alert.externalId),
        duplicates.flatMap(({ key }) => (key ? [key] : [])),
      )
    : [];
  const existingIds = new Map(existing.map((r) => [sameAlert(r), r.id]));
  const byKey = new Map(existing.filter((r) => r.idempotencyKey).map((r) => [r.idempotencyKey!, r.id]));

  const results: TIngestedAlert[] = [];
  const events: TAuditInput<AuditType>[] = [];
  for (const { id: itemId, alert: a, key, actor } of items) {
    const k = sameAlert(a);
    // New only if this item's own row went in: a group may carry one alert twice, and the
    // copy that went in need not be the first (the first's Idempotency-Key may be taken).
    const id = newIds.get(k) === itemId ? itemId : undefined;
    if (!id) {
      // A retry under the same Idempotency-Key answers with the alert stored the first time.
      const previous = newIds.get(k) ?? existingIds.get(k) ?? byKey.get(key ?? "") ?? "";
      results.push({ alertId: previous, externalId: a.externalId, duplicate: true, rejected: null });
      continue;
    }
    const rejected = rejectionOf(a);
    events.push({
      type: rejected ? "ALERT_REJECTED" : "ALERT_RECEIVED",
      actor,
      subject: { kind: a.target?.kind, value: a.target?.value, alertId: id },
      occurredAt: receivedAt,
      data: rejected
        ? { reason: rejected, format: a.format, source: a.source, externalId: a.externalId }
        : { format: a.format, source: a.source, externalId: a.externalId, ruleId: a.ruleId, severity: a.severity, title: a.title, target: a.target ? { kind: a.target.kind, value: a.target.value } : null },
      summary: rejected
        ? `Alert "${a.title}" from ${a.source} recorded without action: it names nothing to contain`
        : `Received ${a.severity} alert "${a.title}" from ${a.source} about ${a.target!.kind} ${a.target!.value}`,
    });
    results.push({ alertId: id, externalId: a.externalId, duplicate: false, rejected });
  }
  return { results, audit: events };
}
