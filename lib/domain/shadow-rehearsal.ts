// Shadow-mode rehearsal: what a playbook would have done in its shadow cells, and how
// much of it people later judged wrong. The evidence the SOC reads before promoting a
// cell from shadow to autonomous.
//
// Definitions (shown on the rehearsal page, so they must stay the ones computed here):
// - A shadow decision "would have acted" when its rehearsal reached `execute`: every
//   autonomous check passed and only the shadow mode held it back.
// - It was "later judged a false positive" when, within FALSE_POSITIVE_FOLLOW_UP_DAYS after
//   it, someone released a containment of the same target (kind and value; expiry by TTL
//   does not count), or an analyst rejected an escalation about the same target. Only
//   decisions that would have acted can be false positives: the others did not act.
// - The median confidence is over every shadow decision of the cell, acted or not, so it
//   shows where the playbook's confidence sits against the cell's threshold.
import { median } from "./stats";
import type { TActionType, TSelector, TVerdict } from "./types";

export const FALSE_POSITIVE_FOLLOW_UP_DAYS = 7;
const FOLLOW_UP_MS = FALSE_POSITIVE_FOLLOW_UP_DAYS * 86_400_000;

export type TShadowDecision = {
  id: string;
  /** When the alert behind it happened: the window and the follow-up period count from here. */
  at: Date;
  action: TActionType;
  assetClass: string;
  target: TSelector;
  confidence: number;
  /** What the rehearsal reached; null for a shadow decision recorded without it. */
  wouldHave: TVerdict | null;
};

export type TJudgement = {
  kind: "released" | "rejected";
  target: TSelector;
  at: Date;
  by: string | null;
  reason: string | null;
};

export type TRehearsedDecision<D extends TShadowDecision = TShadowDecision> = D & {
  wouldHaveActed: boolean;
  /** The earliest judgement that makes it a false positive, or null. */
  falsePositive: TJudgement | null;
};

export type TRehearsalCounts = {
  shadowed: number;
  wouldHaveActed: number;
  falsePositives: number;
  medianConfidence: number | null;
};

export type TCellRehearsal = TRehearsalCounts & { action: TActionType; assetClass: string };

export type TRehearsal<D extends TShadowDecision> = {
  decisions: TRehearsedDecision<D>[];
  cells: TCellRehearsal[];
  total: TRehearsalCounts;
};

const targetKey = (t: TSelector) => `${t.kind}\u0000${t.value}`;

function judgementIndex(judgements: readonly TJudgement[]): Map<string, TJudgement[]> {
  const index = new Map<string, TJudgement[]>();
  for (const j of [...judgements].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const key = targetKey(j.target);
    if (!index.has(key)) index.set(key, []);
    index.get(key)!.push(j);
  }
  return index;
}

function counts(decisions: readonly TRehearsedDecision[]): TRehearsalCounts {
  return {
    shadowed: decisions.length,
    wouldHaveActed: decisions.filter((d) => d.wouldHaveActed).length,
    falsePositives: decisions.filter((d) => d.falsePositive).length,
    medianConfidence: median(decisions.map((d) => d.confidence)),
  };
}

/** Cells in a stable order (action, then asset class); decisions newest first. */
export function rehearse<D extends TShadowDecision>(decisions: readonly D[], judgements: readonly TJudgement[]): TRehearsal<D> {
  const index = judgementIndex(judgements);
  const rehearsed = decisions
    .map((d): TRehearsedDecision<D> => {
      const wouldHaveActed = d.wouldHave === "execute";
      const start = d.at.getTime();
      const judged = wouldHaveActed
        ? (index.get(targetKey(d.target)) ?? []).find((j) => j.at.getTime() >= start && j.at.getTime() <= start + FOLLOW_UP_MS) ?? null
        : null;
      return { ...d, wouldHaveActed, falsePositive: judged };
    })
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const byCell = new Map<string, TRehearsedDecision<D>[]>();
  for (const d of rehearsed) {
    const key = `${d.action}/${d.assetClass}`;
    if (!byCell.has(key)) byCell.set(key, []);
    byCell.get(key)!.push(d);
  }
  const cells = [...byCell.values()]
    .map((group): TCellRehearsal => ({ action: group[0]!.action, assetClass: group[0]!.assetClass, ...counts(group) }))
    .sort((a, b) => (a.action === b.action ? a.assetClass.localeCompare(b.assetClass) : a.action.localeCompare(b.action)));
  return { decisions: rehearsed, cells, total: counts(rehearsed) };
}
