// The backtest: what a candidate policy would have decided on recorded traffic, next to
// what the active policy decides on the same traffic. Each recorded decision is turned
// back into the playbook's proposal (everything decide() needs is stored on the Decision
// row) and given to THE decision function twice. Pure: loading the rows and writing the
// audit event is lib/server/policy/run-policy-backtest.ts.
//
// Both policies are judged under the same assumptions, so that the difference is the
// policy's alone: today's protected list (registrations as they stand now), no
// investigation holds or release hold-offs, the kill switch off, and the clock set to
// when the decision was recorded (maintenance windows are judged at that time). The
// baseline is therefore the active policy re-run, not the verdict that was recorded;
// the recorded verdict is kept alongside for reference.
import { decide } from "./decide";
import type { TActionType, TActivePolicy, TBlastRadius, TEntityKind, TProposal, TRegistration, TVerdict } from "./types";
import { VERDICTS } from "./types";

/** What a Decision row stores about one decision (lib/server/pipeline/record-decisions.ts). */
export type TRecordedDecision = {
  decisionId: string;
  alertId: string;
  alertTitle: string;
  occurredAt: Date;
  decidedAt: Date;
  playbookKey: string;
  playbookVersion: number;
  action: TActionType;
  target: { kind: TEntityKind; value: string };
  confidence: number;
  blastRadius: TBlastRadius;
  reversible: boolean;
  contextStatus: "clear" | "conflicting" | "unavailable";
  contextSummary: string;
  recordedVerdict: TVerdict;
  recordedPolicyVersion: number | null;
  containmentId: string | null;
};

export type TBacktestRow = {
  decisionId: string;
  alertId: string;
  alertTitle: string;
  occurredAt: Date;
  playbookKey: string;
  action: TActionType;
  target: { kind: TEntityKind; value: string };
  assetClass: string;
  confidence: number;
  recordedVerdict: TVerdict;
  containmentId: string | null;
  baseline: { verdict: TVerdict; reason: string };
  candidate: { verdict: TVerdict; reason: string };
};

/** The proposal as the playbook made it. Evidence lists and the rationale are not stored; decide() reads neither. */
export function proposalFromRecord(record: TRecordedDecision): TProposal {
  const context =
    record.contextStatus === "conflicting"
      ? { status: "conflicting" as const, summary: record.contextSummary, evidence: [] }
      : { status: record.contextStatus, summary: record.contextSummary };
  return {
    playbook: { key: record.playbookKey, version: record.playbookVersion },
    action: record.action,
    target: { kind: record.target.kind, value: record.target.value, role: "target" },
    confidence: record.confidence,
    blastRadius: record.blastRadius,
    reversible: record.reversible,
    context,
    rationale: "",
  };
}

const NO_KILL_SWITCH = { engaged: false, reason: null, by: null } as const;

/** Re-decides one recorded decision under the baseline (active, or none) and the candidate policy. */
export function backtestDecision(
  record: TRecordedDecision,
  policies: { baseline: TActivePolicy | null; candidate: TActivePolicy },
  registrations: readonly TRegistration[],
): TBacktestRow {
  const proposal = proposalFromRecord(record);
  const run = (policy: TActivePolicy | null) =>
    decide({ proposal, policy, registrations: [...registrations], holds: [], killSwitch: NO_KILL_SWITCH, now: record.decidedAt });
  const baseline = run(policies.baseline);
  const candidate = run(policies.candidate);
  return {
    decisionId: record.decisionId,
    alertId: record.alertId,
    alertTitle: record.alertTitle,
    occurredAt: record.occurredAt,
    playbookKey: record.playbookKey,
    action: record.action,
    target: record.target,
    assetClass: candidate.assetClass,
    confidence: record.confidence,
    recordedVerdict: record.recordedVerdict,
    containmentId: record.containmentId,
    baseline: { verdict: baseline.verdict, reason: baseline.reasons[0] ?? "" },
    candidate: { verdict: candidate.verdict, reason: candidate.reasons[0] ?? "" },
  };
}

export type TBacktestGroup = {
  key: string;
  decisions: number;
  /** Decisions whose verdict differs between the two policies. */
  changed: number;
  baselineExecutes: number;
  candidateExecutes: number;
};

export type TBacktestSummary = {
  decisions: number;
  changed: number;
  verdicts: Record<TVerdict, { baseline: number; candidate: number }>;
  byPlaybook: TBacktestGroup[];
  byAssetClass: TBacktestGroup[];
  /** The candidate executes where the active policy does not: containments it would add. */
  added: TBacktestRow[];
  /** The active policy executes where the candidate does not: containments it would withhold. */
  withheld: TBacktestRow[];
};

function group(rows: readonly TBacktestRow[], keyOf: (row: TBacktestRow) => string): TBacktestGroup[] {
  const groups = new Map<string, TBacktestGroup>();
  for (const row of rows) {
    const key = keyOf(row);
    const g = groups.get(key) ?? { key, decisions: 0, changed: 0, baselineExecutes: 0, candidateExecutes: 0 };
    g.decisions += 1;
    if (row.baseline.verdict !== row.candidate.verdict) g.changed += 1;
    if (row.baseline.verdict === "execute") g.baselineExecutes += 1;
    if (row.candidate.verdict === "execute") g.candidateExecutes += 1;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.changed - a.changed || b.decisions - a.decisions || (a.key < b.key ? -1 : 1));
}

/** Counts per verdict, per playbook and per asset class, and the containments added or withheld (newest first). */
export function summarizeBacktest(rows: readonly TBacktestRow[]): TBacktestSummary {
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, { baseline: 0, candidate: 0 }])) as TBacktestSummary["verdicts"];
  for (const row of rows) {
    verdicts[row.baseline.verdict].baseline += 1;
    verdicts[row.candidate.verdict].candidate += 1;
  }
  const newestFirst = (a: TBacktestRow, b: TBacktestRow) => b.occurredAt.getTime() - a.occurredAt.getTime();
  return {
    decisions: rows.length,
    changed: rows.filter((r) => r.baseline.verdict !== r.candidate.verdict).length,
    verdicts,
    byPlaybook: group(rows, (r) => r.playbookKey),
    byAssetClass: group(rows, (r) => r.assetClass),
    added: rows.filter((r) => r.candidate.verdict === "execute" && r.baseline.verdict !== "execute").sort(newestFirst),
    withheld: rows.filter((r) => r.baseline.verdict === "execute" && r.candidate.verdict !== "execute").sort(newestFirst),
  };
}
