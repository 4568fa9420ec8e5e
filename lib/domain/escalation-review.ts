// What a person's answer to an escalation may do. An approval is a human decision, so it
// lifts what only asked for a human (low confidence, wide blast radius, conflicting
// context, a kill switch that pauses *autonomous* action) but never what protects the
// target: a hold, an owner's action limits, a forbidding policy, or a release made since.
import { ACTION_LABELS, type TActionType, type TDecision, type TEntityKind, type TProposal } from "./types";

/** The actions that make sense against a kind of target: what "modify" may switch to. */
export const ACTIONS_FOR_TARGET: Record<TEntityKind, readonly TActionType[]> = {
  ip: ["block_ip"],
  cidr: ["block_ip"],
  account: ["disable_account", "revoke_sessions", "step_up_auth"],
  host: ["isolate_host", "kill_process", "quarantine_file"],
  app: [],
};

const TARGET_WORDS: Record<TEntityKind, string> = { ip: "an IP address", cidr: "a CIDR range", account: "an account", host: "a host", app: "an app" };

/** The recommendation stored with an escalation (lib/server/pipeline/record-decisions.ts writes it). */
export type TStoredRecommendation = {
  action: TActionType;
  target: { kind: TEntityKind; value: string };
  confidence: number;
  blastRadius: { count: number; items: string[] };
  evidence: string[];
  whyNotExecuted: string;
  recommendation: string;
  ttlSeconds: number | null;
};

/** The stored decision row's proposal, rebuilt so that decide() can be asked again. */
export type TDecisionRow = {
  playbookKey: string;
  playbookVersion: number;
  action: string;
  targetKind: TEntityKind;
  targetValue: string;
  confidence: number;
  blastRadius: unknown;
  reversible: boolean;
  contextStatus: string;
  contextSummary: string;
};

export function proposalFromDecision(row: TDecisionRow, evidence: readonly string[], action?: TActionType): TProposal {
  const blast = row.blastRadius as { count?: number; items?: string[] } | null;
  const context: TProposal["context"] =
    row.contextStatus === "conflicting"
      ? { status: "conflicting", summary: row.contextSummary, evidence: [...evidence] }
      : row.contextStatus === "unavailable"
        ? { status: "unavailable", summary: row.contextSummary }
        : { status: "clear", summary: row.contextSummary };
  return {
    playbook: { key: row.playbookKey, version: row.playbookVersion },
    action: action ?? (row.action as TActionType),
    target: { kind: row.targetKind, value: row.targetValue, role: "target" },
    confidence: row.confidence,
    blastRadius: { count: blast?.count ?? 0, items: blast?.items ?? [] },
    reversible: row.reversible,
    context,
    rationale: "",
  };
}

export type TReleaseSince = { by: string; reason: string; at: Date };

/** `superseded`: something now protects the target, and the escalation closes with why. */
export type TApprovalVerdict =
  | { ok: true; ttlSeconds: number }
  | { ok: false; superseded: boolean; reasons: string[] };

/**
 * Whether an approval may execute, given decide()'s verdict on the proposal today and the
 * last release of the same target since the escalation opened.
 */
export function approvalVerdict(input: {
  redecision: TDecision;
  releasedSince: TReleaseSince | null;
  target: string;
}): TApprovalVerdict {
  const { redecision, releasedSince } = input;
  const reasons: string[] = [];
  if (releasedSince) {
    reasons.push(`${input.target} was released by ${releasedSince.by} at ${releasedSince.at.toISOString()} ('${releasedSince.reason}') after this escalation opened`);
  }
  if (redecision.verdict === "suppress" || redecision.verdict === "forbid") reasons.push(...redecision.reasons);
  if (reasons.length > 0) return { ok: false, superseded: true, reasons };
  // Nothing protects the target, but nothing bounds the containment either (no signed
  // policy): the escalation stays open for when there is one.
  if (!redecision.ttlSeconds || !(redecision.ttlSeconds > 0)) {
    return { ok: false, superseded: false, reasons: ["No policy cell gives this action a TTL: a containment must expire by itself", ...redecision.reasons] };
  }
  return { ok: true, ttlSeconds: redecision.ttlSeconds };
}

/** Bad modifications as field errors; null when the modification is acceptable. */
export function modificationProblems(input: {
  targetKind: TEntityKind;
  action: TActionType;
  ttlSeconds: number | undefined;
  maxTtlSeconds: number;
}): Record<string, string[]> | null {
  const problems: Record<string, string[]> = {};
  if (!ACTIONS_FOR_TARGET[input.targetKind].includes(input.action)) {
    problems.action = [`${ACTION_LABELS[input.action]} cannot be taken against ${TARGET_WORDS[input.targetKind]}.`];
  }
  if (input.ttlSeconds !== undefined && input.ttlSeconds > input.maxTtlSeconds) {
    problems.ttlSeconds = [`At most ${input.maxTtlSeconds} s: the policy and the owners' registrations cap it there.`];
  }
  return Object.keys(problems).length > 0 ? problems : null;
}

/** Approvers are named in free text (a person's e-mail or name); compared without case. */
export function isNamedApprover(approvers: readonly string[], person: { email: string; name: string }): boolean {
  const keys = new Set([person.email, person.name].map((k) => k.trim().toLowerCase()));
  return approvers.some((a) => keys.has(a.trim().toLowerCase()));
}
