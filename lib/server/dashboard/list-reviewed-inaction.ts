import "server-only";
import type { TDb } from "@/lib/db/client";
import type { TWindow } from "./query-timing";

// Inaction is reviewed as hard as action: escalations an analyst rejected (with the
// reason they gave) and decisions the policy or the owners' requirements held back
// (suppressed, forbidden), newest first.

export const REVIEWED_INACTION_LIMIT = 50;

export type TRejectedEscalation = {
  escalationId: string;
  decisionId: string;
  target: { kind: string; value: string };
  action: string;
  playbookKey: string;
  reason: string;
  rejectedBy: string | null;
  rejectedAt: Date;
};

export type THeldBackDecision = {
  decisionId: string;
  verdict: "suppress" | "forbid";
  target: { kind: string; value: string };
  action: string;
  playbookKey: string;
  reason: string;
  alertAt: Date;
};

export async function listRejectedEscalations(client: TDb, window: TWindow): Promise<TRejectedEscalation[]> {
  const rows = await client.escalation.findMany({
    where: { status: "REJECTED", resolvedAt: { gte: window.from, lt: window.to } },
    orderBy: { resolvedAt: "desc" },
    take: REVIEWED_INACTION_LIMIT,
    select: { id: true, resolution: true, resolvedAt: true, resolvedByName: true, decision: { select: { id: true, targetKind: true, targetValue: true, action: true, playbookKey: true } } },
  });
  return rows.map((r) => ({
    escalationId: r.id,
    decisionId: r.decision.id,
    target: { kind: r.decision.targetKind, value: r.decision.targetValue },
    action: r.decision.action,
    playbookKey: r.decision.playbookKey,
    reason: r.resolution ?? "",
    rejectedBy: r.resolvedByName,
    rejectedAt: r.resolvedAt!,
  }));
}

export async function listHeldBackDecisions(client: TDb, window: TWindow): Promise<THeldBackDecision[]> {
  const rows = await client.decision.findMany({
    // By alert time, as the dashboard's verdict shares count them; `createdAt >= from` is implied and uses its index.
    where: { verdict: { in: ["suppress", "forbid"] }, createdAt: { gte: window.from }, alert: { occurredAt: { gte: window.from, lt: window.to } } },
    orderBy: { alert: { occurredAt: "desc" } },
    take: REVIEWED_INACTION_LIMIT,
    select: { id: true, verdict: true, targetKind: true, targetValue: true, action: true, playbookKey: true, reasons: true, alert: { select: { occurredAt: true } } },
  });
  return rows.map((r) => ({
    decisionId: r.id,
    verdict: r.verdict as "suppress" | "forbid",
    target: { kind: r.targetKind, value: r.targetValue },
    action: r.action,
    playbookKey: r.playbookKey,
    reason: Array.isArray(r.reasons) ? String(r.reasons[0] ?? "") : "",
    alertAt: r.alert.occurredAt,
  }));
}
