// Where one registration's selector overlaps others' (an address inside a registered
// subnet, a host under a registered wildcard), every owner's requirements hold at once.
// The registration page says so next to the row, in the words the decision reasons use.
import { ACTION_LABELS, ACTION_TYPES, type TRegistration } from "./types";
import { buildRegistrationIndex } from "./registration-index";
import { describeConflicts, strictestRequirements, type TMergedRequirements } from "./requirements";
import { formatShortDuration } from "./go-duration";

export type TOverlap = { others: TRegistration[]; sentence: string; conflicts: string[] };

/** "approval by Dana; at most 4h": the merged requirements as one clause. */
export function describeMergedRequirements(merged: TMergedRequirements): string {
  const parts: string[] = [];
  if (merged.neverAutomatic) parts.push("never contained automatically");
  if (merged.allowedActions) {
    parts.push(merged.allowedActions.length === 0 ? "no action allowed" : `only ${ACTION_TYPES.filter((a) => merged.allowedActions?.includes(a)).map((a) => ACTION_LABELS[a]).join(", ")}`);
  }
  if (merged.approvers.length > 0) parts.push(`approval by ${merged.approvers.join(" and ")}`);
  if (merged.maxTtlSeconds !== null) parts.push(`at most ${formatShortDuration(merged.maxTtlSeconds)}`);
  if (merged.maintenanceWindowSets.length > 0) parts.push(merged.maintenanceWindowSets.length > 1 ? "automatic only inside the maintenance windows of every registration" : "automatic only inside the maintenance windows");
  return parts.length === 0 ? "no restriction beyond the policy" : parts.join("; ");
}

/**
 * For each of `subjects`, the other active registrations among `all` that overlap it.
 * Uses the registration index, so checking a page against 100,000 registrations stays cheap.
 */
export function findOverlaps(subjects: readonly TRegistration[], all: readonly TRegistration[], now: Date): Map<string, TOverlap> {
  const index = buildRegistrationIndex(all);
  const out = new Map<string, TOverlap>();
  for (const reg of subjects) {
    const others = index.match(reg.selector, now).filter((o) => o.id !== reg.id);
    if (others.length === 0) continue;
    const together = [reg, ...others];
    const named = others.map((o) => `${o.selector.value} registered by ${o.ownerName} (${o.businessService})`).join(", ");
    out.set(reg.id, {
      others,
      sentence: `Overlaps ${named}: strictest requirement applies: ${describeMergedRequirements(strictestRequirements(together))}.`,
      conflicts: describeConflicts(together),
    });
  }
  return out;
}
