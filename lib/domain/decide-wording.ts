// The sentences decide() writes. Analysts, owners and bridge-call viewers read them, so
// they name people, selectors and numbers rather than codes.
import { ACTION_LABELS, type TActionType, type TKillSwitch, type TProposal } from "./types";
import type { TMergedRequirements } from "./requirements";

/** Three decimals, but never so rounded that a failing value looks equal to its limit. */
export function formatScore(value: number, limit?: number): string {
  const shown = (x: number) => String(Number(x.toFixed(3)));
  return limit !== undefined && value !== limit && shown(value) === shown(limit) ? String(value) : shown(value);
}

export function killSwitchReason(killSwitch: TKillSwitch): string {
  const quoted = killSwitch.reason ? `: '${killSwitch.reason}'` : "";
  return `Kill switch engaged by ${killSwitch.by ?? "an unnamed user"}${quoted} — autonomous execution paused`;
}

export const NO_POLICY_REASON = "No signed policy: nothing executes autonomously";

export function actionOn(action: TActionType, target: string): string {
  return `${ACTION_LABELS[action]} ${target}`;
}

/** "2025-03-01": deadlines are dates to the people who read these reasons. */
function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** How an unregistered target is introduced, with the campaign deadline when there is one. */
export function unregisteredPhrase(target: string, deadline: Date | null | undefined, now: Date): string {
  if (!deadline) return `${target} is not registered`;
  if (now.getTime() > deadline.getTime()) return `${target} not registered by ${isoDate(deadline)}`;
  return `${target} is not registered (registration open until ${isoDate(deadline)})`;
}

/** The sentence for an unregistered target wherever it is shown: decisions, the lookup. */
export function unregisteredSentence(target: string, deadline: Date | null | undefined, now: Date): string {
  return `${unregisteredPhrase(target, deadline, now)}: default policy applies`;
}

/** What an escalation puts in front of the analyst: the proposal, and the owners' wishes. */
export function proposalRecommendation(proposal: TProposal, merged: TMergedRequirements): string {
  const { action, target, playbook, confidence, rationale } = proposal;
  const base = `${actionOn(action, target.value)} (playbook ${playbook.key} v${playbook.version}, confidence ${formatScore(confidence)}): ${rationale}`;
  const preferred = merged.preferredActions.filter((a) => a !== action);
  return preferred.length === 0
    ? base
    : `${base}. The owner would rather see ${preferred.map((a) => ACTION_LABELS[a]).join(" or ")}.`;
}

export function preferredRecommendation(proposal: TProposal, merged: TMergedRequirements): string | null {
  const allowed = merged.preferredActions.filter((a) => merged.allowedActions?.includes(a) ?? true);
  const first = allowed[0];
  return first ? `${actionOn(first, proposal.target.value)} instead: the owner's preferred action` : null;
}

export function conflictingRecommendation(proposal: TProposal, evidence: readonly string[]): string {
  const seen = evidence.length > 0 ? evidence.join("; ") : "see the context summary";
  return `Review the evidence before containing (${seen}). If the activity is confirmed malicious, approve ${actionOn(proposal.action, proposal.target.value)}; otherwise close the alert as a false positive.`;
}
