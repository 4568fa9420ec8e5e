import { randomUUID } from "node:crypto";
import { connectorPlanFor } from "@/lib/connectors/registry";
import type { TRawSql } from "@/lib/db/raw-sql";
import { compareText } from "@/lib/domain/compare-text";
import { describeContainmentDone } from "@/lib/domain/containment-wording";
import type { TActionType, TEntity } from "@/lib/domain/types";
import type { AuditType } from "@/lib/generated/prisma";
import { appendAuditEvents, type TAuditActor, type TAuditInput } from "@/lib/server/audit/append-audit";
import { chunked, rowsParameter, selectRows } from "@/lib/server/db/insert-rows";

export type TNewContainment = {
  decisionId: string;
  alertId: string;
  action: TActionType;
  target: Pick<TEntity, "kind" | "value">;
  ttlSeconds: number;
  why: string;
  confidence: number;
  blastRadiusCount: number;
  policyVersion: number | null;
  signedBy: string | null;
  playbookKey: string;
  actor: TAuditActor;
  now: Date;
};

export type TContainmentOutcome =
  | { created: true; id: string; status: "ACTIVE" | "PENDING" | "FAILED"; expiresAt: Date; pushConnector: boolean }
  | { created: false; existingId: string };

const NO_CONNECTOR = "No outbound connector is configured to enforce this action.";

const COLUMNS = [
  "id", "decisionId", "action", "targetKind", "targetValue", "status", "reason", "connector", "confidence", "blastRadiusCount",
  "policyVersion", "playbookKey", "createdAt", "activatedAt", "expiresAt", "endedAt", "lastError",
] as const;

/** Contains one target inside the caller's transaction and signs it; see insertContainments. */
export async function createContainment(tx: TRawSql, input: TNewContainment, options: { webhookConfigured: boolean }): Promise<TContainmentOutcome> {
  const { outcomes, audit } = await insertContainments(tx, [input], options);
  await appendAuditEvents(tx, audit);
  return outcomes[0]!;
}

/**
 * Contains targets inside the caller's transaction, in a fixed number of statements however
 * many there are, and returns the audit events the caller must append in the same
 * transaction (a batch signs everything in one append, at its end, so it holds its audit
 * chain's head for as short a time as it can). One live containment per target and action
 * is a unique index: a concurrent duplicate (or a second alert about the same target in the
 * same batch) inserts nothing and gets the existing one back, instead of a second block.
 */
export async function insertContainments(
  tx: TRawSql,
  inputs: readonly TNewContainment[],
  options: { webhookConfigured: boolean },
): Promise<{ outcomes: TContainmentOutcome[]; audit: TAuditInput<AuditType>[] }> {
  if (inputs.length === 0) return { outcomes: [], audit: [] };
  const planned = inputs.map((input) => {
    const plan = connectorPlanFor(input.action);
    const status: "ACTIVE" | "PENDING" | "FAILED" = plan.pull ? "ACTIVE" : options.webhookConfigured ? "PENDING" : "FAILED";
    const expiresAt = new Date(input.now.getTime() + input.ttlSeconds * 1000);
    const reason = describeContainmentDone({ ...input, target: input.target.value, blastRadius: input.blastRadiusCount });
    return { input, plan, status, expiresAt, reason, id: randomUUID() };
  });
  // In one order everywhere: two transactions inserting the same targets in opposite
  // orders would each wait for the other's uncommitted row (a deadlock).
  const rows = [...planned].sort((a, b) => compareText(keyOf(a.input), keyOf(b.input))).map(({ input, plan, status, expiresAt, reason, id }) => ({
    id,
    decisionId: input.decisionId,
    action: input.action,
    targetKind: input.target.kind,
    targetValue: input.target.value,
    status,
    reason,
    connector: plan.connector,
    confidence: input.confidence,
    blastRadiusCount: input.blastRadiusCount,
    policyVersion: input.policyVersion,
    playbookKey: input.playbookKey,
    createdAt: input.now,
    activatedAt: status === "ACTIVE" ? input.now : null,
    expiresAt,
    endedAt: status === "FAILED" ? input.now : null,
    lastError: status === "FAILED" ? NO_CONNECTOR : null,
  }));
  // One statement puts the new blocks on the enforcement change log too: a round trip less
  // on every group of the loop, each of which waits for the console's busy event loop.
  const inserted: { id: string }[] = [];
  for (const chunk of chunked(rows)) {
    inserted.push(
      ...(await tx.$queryRawUnsafe<{ id: string }[]>(
        `WITH "inserted" AS (
           INSERT INTO "Containment" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) ${selectRows("Containment", COLUMNS, 1)}
           ON CONFLICT ("action", "targetKind", "targetValue") WHERE "status" IN ('PENDING', 'ACTIVE') DO NOTHING
           RETURNING "id", "status"),
         "enforced" AS (
           INSERT INTO "EnforcementChange" ("containmentId", "kind") SELECT "id", 'ADDED'::"EnforcementChangeKind" FROM "inserted" WHERE "status" = 'ACTIVE')
         SELECT "id" FROM "inserted"`,
        rowsParameter(chunk),
      )),
    );
  }
  const created = new Set(inserted.map((r) => r.id));
  const existing = await existingContainments(tx, planned.filter((p) => !created.has(p.id)).map((p) => p.input));

  const outcomes = planned.map((p): TContainmentOutcome =>
    created.has(p.id)
      ? { created: true, id: p.id, status: p.status, expiresAt: p.expiresAt, pushConnector: p.status === "PENDING" }
      : { created: false, existingId: existing.get(keyOf(p.input))! },
  );
  return { outcomes, audit: planned.flatMap((p) => (created.has(p.id) ? auditOf(p) : [])) };
}

function keyOf(input: Pick<TNewContainment, "action" | "target">): string {
  return `${input.action}\u0000${input.target.kind}\u0000${input.target.value}`;
}

async function existingContainments(tx: TRawSql, inputs: readonly TNewContainment[]): Promise<Map<string, string>> {
  if (inputs.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ id: string; action: string; targetKind: string; targetValue: string }[]>`
    SELECT c."id", c."action", c."targetKind"::text AS "targetKind", c."targetValue"
    FROM "Containment" c
    JOIN unnest(${inputs.map((i) => i.action)}::text[], ${inputs.map((i) => i.target.kind)}::text[], ${inputs.map((i) => i.target.value)}::text[])
      AS t("action", "kind", "value")
      ON c."action" = t."action" AND c."targetKind" = t."kind"::"EntityKind" AND c."targetValue" = t."value"
    WHERE c."status" IN ('PENDING', 'ACTIVE')`;
  const found = new Map(rows.map((r) => [keyOf({ action: r.action as TActionType, target: { kind: r.targetKind as TEntity["kind"], value: r.targetValue } }), r.id]));
  const missing = inputs.find((i) => !found.has(keyOf(i)));
  if (missing) throw new Error(`containment of ${missing.target.value} (${missing.action}) conflicted but no live one was found`);
  return found;
}

function auditOf(p: { input: TNewContainment; plan: ReturnType<typeof connectorPlanFor>; status: string; expiresAt: Date; reason: string; id: string }): TAuditInput<AuditType>[] {
  const { input, plan } = p;
  const subject = { kind: input.target.kind, value: input.target.value, alertId: input.alertId, decisionId: input.decisionId, containmentId: p.id, policyVersion: input.policyVersion, playbookKey: input.playbookKey };
  const target = { kind: input.target.kind, value: input.target.value };
  if (p.status === "ACTIVE") {
    return [{
      type: "CONTAINMENT_EXECUTED",
      actor: input.actor,
      subject,
      data: { action: input.action, target, connector: plan.connector, ttlSeconds: input.ttlSeconds, expiresAt: p.expiresAt.toISOString(), reason: p.reason },
      summary: p.reason,
    }];
  }
  if (p.status === "FAILED") {
    return [{
      type: "CONTAINMENT_FAILED",
      actor: input.actor,
      subject,
      data: { action: input.action, target, connector: plan.connector, error: NO_CONNECTOR, attempt: 0, willRetry: false },
      summary: `Could not ${input.action.replace("_", " ")} ${input.target.value}: no outbound connector is configured (Settings → Connectors)`,
    }];
  }
  return [];
}
