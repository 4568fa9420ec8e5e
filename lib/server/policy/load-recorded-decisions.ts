import type { TDb } from "@/lib/db/client";
import type { TRecordedDecision } from "@/lib/domain/policy-backtest";
import type { TActionType, TBlastRadius } from "@/lib/domain/types";

/** A backtest replays at most this many decisions (the newest); past it, the result says it was cut. */
export const MAX_BACKTEST_DECISIONS = 20_000;

const CONTEXT_STATUSES = new Set(["clear", "conflicting", "unavailable"]);

/**
 * The decisions about alerts that happened in [from, to). The window is on the alert's
 * own time (what happened then), so a replay of old logs does not count as last week's
 * traffic. `createdAt >= from` is implied (nothing is decided before it happens, clock
 * skew aside) and lets the Decision.createdAt index bound the scan.
 */
export async function loadRecordedDecisions(client: TDb, window: { from: Date; to: Date }): Promise<{ decisions: TRecordedDecision[]; truncated: boolean }> {
  const rows = await client.decision.findMany({
    where: { createdAt: { gte: window.from }, alert: { occurredAt: { gte: window.from, lt: window.to } } },
    orderBy: { createdAt: "desc" },
    take: MAX_BACKTEST_DECISIONS + 1,
    include: { alert: { select: { id: true, title: true, occurredAt: true } }, containment: { select: { id: true } } },
  });
  const decisions = rows.slice(0, MAX_BACKTEST_DECISIONS).map(
    (r): TRecordedDecision => ({
      decisionId: r.id,
      alertId: r.alert.id,
      alertTitle: r.alert.title,
      occurredAt: r.alert.occurredAt,
      decidedAt: r.createdAt,
      playbookKey: r.playbookKey,
      playbookVersion: r.playbookVersion,
      action: r.action as TActionType,
      target: { kind: r.targetKind, value: r.targetValue },
      confidence: r.confidence,
      blastRadius: (r.blastRadius as TBlastRadius | null) ?? { count: r.blastRadiusCount, items: [] },
      reversible: r.reversible,
      // An unknown status reads as "unavailable": the policy's fail mode then decides, as it would live.
      contextStatus: CONTEXT_STATUSES.has(r.contextStatus) ? (r.contextStatus as TRecordedDecision["contextStatus"]) : "unavailable",
      contextSummary: r.contextSummary,
      recordedVerdict: r.verdict,
      recordedPolicyVersion: r.policyVersion,
      containmentId: r.containment?.id ?? null,
    }),
  );
  return { decisions, truncated: rows.length > MAX_BACKTEST_DECISIONS };
}
