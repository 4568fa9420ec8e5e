import { randomUUID } from "node:crypto";
import type { TDb } from "@/lib/db/client";
import type { TNormalizedAlert } from "@/lib/domain/types";
import type { AuditType } from "@/lib/generated/prisma";
import { appendAuditEvents, type TAuditActor, type TAuditInput } from "@/lib/server/audit/append-audit";
import { insertRows } from "@/lib/server/db/insert-rows";
import { groupCommitter, type TGroupCommitter } from "./group-commit";

// Step 1 of the loop: make alerts durable. Everything is committed before the caller
// answers 2xx; duplicates (same source + external id, or a repeated Idempotency-Key) are
// recognised by unique constraints, not by looking first, so concurrent retries collide
// in the database and only one copy gets a decision. Requests arriving together are
// stored together (group-commit.ts): one transaction for many callers under a flood.

export type TIngestedAlert = { alertId: string; externalId: string; duplicate: boolean; rejected: string | null };

type TItem = { alert: TNormalizedAlert; key: string | null; actor: TAuditActor };

const CHUNK = 500;
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

const committers = new WeakMap<TDb, TGroupCommitter<TItem, TIngestedAlert>>();

function committerFor(client: TDb): TGroupCommitter<TItem, TIngestedAlert> {
  let committer = committers.get(client);
  if (!committer) {
    committer = groupCommitter({ run: (items) => ingestItems(client, items), maxInFlight: 2, maxItems: CHUNK });
    committers.set(client, committer);
  }
  return committer;
}

export function ingestAlerts(
  client: TDb,
  options: { alerts: TNormalizedAlert[]; idempotencyKey?: string | null; actor: TAuditActor },
): Promise<TIngestedAlert[]> {
  const items = options.alerts.map((alert, i) => ({ alert, key: options.idempotencyKey ? `${options.idempotencyKey}#${i}` : null, actor: options.actor }));
  return committerFor(client).submit(items);
}

async function ingestItems(client: TDb, items: TItem[]): Promise<TIngestedAlert[]> {
  const results: TIngestedAlert[] = [];
  for (let start = 0; start < items.length; start += CHUNK) results.push(...(await ingestChunk(client, items.slice(start, start + CHUNK))));
  return results;
}

const sameAlert = (a: { source: string; externalId: string }) => `${a.source}\u0000${a.externalId}`;

async function ingestChunk(client: TDb, items: TItem[]): Promise<TIngestedAlert[]> {
  const receivedAt = new Date();
  return client.$transaction(async (tx) => {
    const inserted = await insertRows<{ id: string; source: string; externalId: string }>(tx, {
      table: "Alert",
      columns: COLUMNS,
      rows: items.map(({ alert: a, key }) => ({
        id: randomUUID(),
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
        status: a.target ? "RECEIVED" : "REJECTED",
        rejectReason: rejectionOf(a),
      })),
      suffix: `ON CONFLICT DO NOTHING RETURNING "id", "source", "externalId"`,
    });
    const newIds = new Map(inserted.map((r) => [sameAlert(r), r.id]));
    const duplicates = items.filter(({ alert }) => !newIds.has(sameAlert(alert)));
    const existing = duplicates.length
      ? await tx.alert.findMany({
          where: {
            OR: duplicates.flatMap(({ alert, key }) => [{ source: alert.source, externalId: alert.externalId }, ...(key ? [{ idempotencyKey: key }] : [])]),
          },
          select: { id: true, source: true, externalId: true, idempotencyKey: true },
        })
      : [];
    const existingIds = new Map(existing.map((r) => [sameAlert(r), r.id]));
    const byKey = new Map(existing.filter((r) => r.idempotencyKey).map((r) => [r.idempotencyKey!, r.id]));

    const results: TIngestedAlert[] = [];
    const events: TAuditInput<AuditType>[] = [];
    const seen = new Set<string>();
    for (const { alert: a, key, actor } of items) {
      const k = sameAlert(a);
      // A group may carry one alert twice: only its first copy is new.
      const id = seen.has(k) ? undefined : newIds.get(k);
      seen.add(k);
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
        data: rejected
          ? { reason: rejected, format: a.format, source: a.source, externalId: a.externalId }
          : { format: a.format, source: a.source, externalId: a.externalId, ruleId: a.ruleId, severity: a.severity, title: a.title, target: a.target ? { kind: a.target.kind, value: a.target.value } : null },
        summary: rejected
          ? `Alert "${a.title}" from ${a.source} recorded without action: it names nothing to contain`
          : `Received ${a.severity} alert "${a.title}" from ${a.source} about ${a.target!.kind} ${a.target!.value}`,
      });
      results.push({ alertId: id, externalId: a.externalId, duplicate: false, rejected });
    }
    await appendAuditEvents(tx, events);
    return results;
  }, CHUNK_TX);
}
