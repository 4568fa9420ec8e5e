// The supporting notes after a decision's deciding reason: which registrations shaped it,
// where the asset class came from, and where the owners disagree.
import { ACTION_LABELS } from "./types";
import { describeConflicts, registrationLabel } from "./requirements";
import type { TDecisionContext } from "./decide-cell";
import { unregisteredSentence } from "./decide-wording";

export function registrationNotes(ctx: TDecisionContext): string[] {
  const { input, matched, assetClass, hasCell } = ctx;
  const { proposal, registrationDeadline, now } = input;
  const [first, ...others] = matched;
  if (!first) {
    // Unregistered means the default policy either way: its cell for the inferred class, or its default rule.
    const sentence = unregisteredSentence(proposal.target.value, registrationDeadline, now);
    return [hasCell ? `${sentence} (as ${assetClass})` : sentence];
  }
  const also = others.length > 0 ? `; also covered by ${others.map(registrationLabel).join(", ")}` : "";
  const notes = [`Registered as ${assetClass} by ${registrationLabel(first)}${also}`];
  if (!hasCell) notes.push(`No policy cell for ${ACTION_LABELS[proposal.action]} on ${assetClass}: default policy applies`);
  return [...notes, ...describeConflicts(matched)];
}
