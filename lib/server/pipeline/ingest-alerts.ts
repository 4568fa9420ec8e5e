import type { TDb } from "@/lib/db/client";
import type { TNormalizedAlert } from "@/lib/domain/types";
import type { AuditType, Prisma } from "@/lib/generated/prisma";
import { appendAuditEvents, type TAuditActor, type TAuditInput } from "@/lib/server/audit/append-audit";

// Step 1 of the loop: make alerts durable. Everything is committed before the caller
// answers 2xx; duplicates (same source + external id, or a repeated Idempotency-Key) are
// recognised by unique constraints, not by looking first, so concurrent retries collide
// in the database and only one copy gets a decision.

export type TIngestedAlert = { alertId: string; externalId: string; duplicate: boolean; rejected: string | null };

const CHUNK = 500;
// Prisma's default 5 s interactive-transaction timeout aborted whole batches under load
// (docs/BENCHMARKS.md); a chunk of 500 alerts with their audit lines needs longer.
const CHUNK_TX = { timeout: 60_000, maxWait: 30_000 };

function rejectionOf(alert: TNormalizedAlert): string | null {
  return alert.target ? null : "The alert names no IP, host or account to act on; it is kept for context only.";
}

export async function ingestAlerts(
  client: TDb,
  options: { alerts: TNormalizedAlert[]; idempotencyKey?: string | null; actor: TAuditActor },
): Promise<TIngestedAlert[]> {
  const results: TIngestedAlert[] = [];
  for (let start = 0; start < options.alerts.length; start += CHUNK) {
    const chunk = options.alerts.slice(start, start + CHUNK);
    results.push(...(await ingestChunk(client, chunk, start, options)));
  }
  return results;
}

async function ingestChunk(
  client: TDb,
  alerts: TNormalizedAlert[],
  offset: number,
  options: { idempotencyKey?: string | null; actor: TAuditActor },
): Promise<TIngestedAlert[]> {
  const key = (i: number) => (options.idempotencyKey ? `${options.idempotencyKey}#${offset + i}` : null);
  return client.$transaction(async (tx) => {
    const inserted = await tx.alert.createManyAndReturn({
      data: alerts.map((a, i) => ({
        format: a.format,
        source: a.source,
        externalId: a.externalId,
        ruleId: a.ruleId,
        title: a.title,
        severity: a.severity,
        occurredAt: a.occurredAt,
        targetKind: a.target?.kind ?? null,
        targetValue: a.target?.value ?? null,
        entities: a.entities as unknown as Prisma.InputJsonValue,
        raw: (a.raw ?? null) as Prisma.InputJsonValue,
        idempotencyKey: key(i),
        status: a.target ? "RECEIVED" : "REJECTED",
        rejectReason: rejectionOf(a),
      })),
      skipDuplicates: true,
      select: { id: true, source: true, externalId: true },
    });
    const newIds = new Map(inserted.map((r) => [`${r.source}\u0000${r.externalId}`, r.id]));
    const duplicates = alerts.map((a, i) => ({ a, i })).filter(({ a }) => !newIds.has(`${a.source}\u0000${a.externalId}`));
    const existing = duplicates.length
      ? await tx.alert.findMany({
          where: {
            OR: duplicates.flatMap(({ a, i }) => [
              { source: a.source, externalId: a.externalId },
              ...(key(i) ? [{ idempotencyKey: key(i) }] : []),
            ]),
          },
          select: { id: true, source: true, externalId: true, idempotencyKey: true },
        })
      : [];
    const existingIds = new Map(existing.map((r) => [`${r.source}\u0000${r.externalId}`, r.id]));
    const byKey = new Map(existing.filter((r) => r.idempotencyKey).map((r) => [r.idempotencyKey!, r.id]));

    const results: TIngestedAlert[] = [];
    const events: TAuditInput<AuditType>[] = [];
    const seen = new Set<string>();
    for (const [i, a] of alerts.entries()) {
      const k = `${a.source}\u0000${a.externalId}`;
      // A batch may carry one alert twice: only its first copy is new.
      const id = seen.has(k) ? undefined : newIds.get(k);
      seen.add(k);
      if (!id) {
        if (newIds.has(k)) {
          results.push({ alertId: newIds.get(k)!, externalId: a.externalId, duplicate: true, rejected: null });
          continue;
        }
        // A retry under the same Idempotency-Key answers with the alert stored the first time.
        const previous = existingIds.get(k) ?? byKey.get(key(i) ?? "") ?? "";
        results.push({ alertId: previous, externalId: a.externalId, duplicate: true, rejected: null });
        continue;
      }
      const rejected = rejectionOf(a);
      events.push({
        type: rejected ? "ALERT_REJECTED" : "ALERT_RECEIVED",
        actor: options.actor,
        subject: { kind: a.target?.kind, value: a.target?.value, alertId: id },
        occurredAt: new Date(),
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
