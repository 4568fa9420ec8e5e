import "server-only";
import type { TDb } from "@/lib/db/client";
import { FALSE_POSITIVE_FOLLOW_UP_DAYS, rehearse, type TJudgement, type TShadowDecision } from "@/lib/domain/shadow-rehearsal";
import type { TActionType, TEntityKind, TSelector } from "@/lib/domain/types";

export type TShadowRow = TShadowDecision & { alertId: string; alertTitle: string; reason: string };

const DAY = 86_400_000;

/**
 * A playbook's shadow decisions about alerts that happened in [from, to) (the alert's own
 * time, as the policy backtest and the dashboard window it), and what people later said about
 * their targets (releases, rejected escalations) up to the follow-up period after `to`,
 * counted by lib/domain/shadow-rehearsal.ts.
 */
export async function loadRehearsal(client: TDb, options: { playbookKey: string; from: Date; to: Date }) {
  const rows = await client.decision.findMany({
    // `createdAt >= from` is implied (nothing is decided before it happens) and bounds the scan by index.
    where: { verdict: "shadow", playbookKey: options.playbookKey, createdAt: { gte: options.from }, alert: { occurredAt: { gte: options.from, lt: options.to } } },
    select: {
      id: true,
      createdAt: true,
      action: true,
      assetClass: true,
      targetKind: true,
      targetValue: true,
      confidence: true,
      wouldHaveVerdict: true,
      reasons: true,
      alert: { select: { id: true, title: true, occurredAt: true } },
    },
  });
  const decisions = rows.map(
    (r): TShadowRow => ({
      id: r.id,
      at: r.alert.occurredAt,
      action: r.action as TActionType,
      assetClass: r.assetClass,
      target: { kind: r.targetKind, value: r.targetValue },
      confidence: r.confidence,
      wouldHave: r.wouldHaveVerdict,
      alertId: r.alert.id,
      alertTitle: r.alert.title,
      reason: Array.isArray(r.reasons) ? String(r.reasons[0] ?? "") : "",
    }),
  );
  const judgements = decisions.length === 0 ? [] : await loadJudgements(client, { targets: decisions.map((d) => d.target), from: options.from, to: new Date(options.to.getTime() + FALSE_POSITIVE_FOLLOW_UP_DAYS * DAY) });
  return rehearse(decisions, judgements);
}

async function loadJudgements(client: TDb, options: { targets: TSelector[]; from: Date; to: Date }): Promise<TJudgement[]> {
  // One (kind, values) pair per entity kind, so the (targetKind, targetValue) indexes serve it.
  const byKind = new Map<TEntityKind, Set<string>>();
  for (const t of options.targets) byKind.set(t.kind, (byKind.get(t.kind) ?? new Set()).add(t.value));
  const targets = [...byKind].map(([targetKind, values]) => ({ targetKind, targetValue: { in: [...values] } }));
  const [released, rejected] = await Promise.all([
    client.containment.findMany({
      where: { status: "RELEASED", OR: targets, endedAt: { gte: options.from, lt: options.to } },
      select: { targetKind: true, targetValue: true, endedAt: true, releasedByName: true, releaseReason: true },
    }),
    client.escalation.findMany({
      where: { status: "REJECTED", resolvedAt: { gte: options.from, lt: options.to }, decision: { OR: targets } },
      select: { resolvedAt: true, resolution: true, resolvedByName: true, decision: { select: { targetKind: true, targetValue: true } } },
    }),
  ]);
  return [
    ...released.map((c): TJudgement => ({ kind: "released", target: { kind: c.targetKind, value: c.targetValue }, at: c.endedAt!, by: c.releasedByName, reason: c.releaseReason })),
    ...rejected.map((e): TJudgement => ({
      kind: "rejected",
      target: { kind: e.decision.targetKind, value: e.decision.targetValue },
      at: e.resolvedAt!,
      by: e.resolvedByName,
      reason: e.resolution,
    })),
  ];
}

