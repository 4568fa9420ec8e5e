// When several registrations cover one target (a host's IP and its subnet, say), every
// owner's requirements hold at once: the merge keeps the strictest of each.
import { ACTION_LABELS, ACTION_TYPES, type TActionType, type TMaintenanceWindow, type TRegistration } from "./types";
import { selectorSpecificity } from "./selectors";
import { describeWindow, isInsideAnyWindow } from "./maintenance-window";
import { formatShortDuration } from "./go-duration";

export type TMergedRequirements = {
  /** True if any registration says never automatic. */
  neverAutomatic: boolean;
  /** Intersection of the registrations that restrict actions (in ACTION_TYPES order); null when none does. May be empty. */
  allowedActions: TActionType[] | null;
  /** Every distinct approver named; all of them must approve. */
  approvers: string[];
  /** The smallest cap; null when none is set. */
  maxTtlSeconds: number | null;
  /** Every distinct preferred action, most specific registration first. Recommendations only. */
  preferredActions: TActionType[];
  /**
   * One entry per registration that restricts times. Intersection semantics, kept simple:
   * automatic containment needs `now` inside some window of every entry. The windows
   * themselves are not intersected into new windows.
   */
  maintenanceWindowSets: TMaintenanceWindow[][];
};

/** Most specific selector first (an address before its subnet); ties keep input order. */
export function sortBySpecificity(regs: readonly TRegistration[]): TRegistration[] {
  return regs
    .map((reg, i) => ({ reg, i, rank: selectorSpecificity(reg.selector) }))
    .sort((a, b) => b.rank - a.rank || a.i - b.i)
    .map((x) => x.reg);
}

function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

export function strictestRequirements(regs: readonly TRegistration[]): TMergedRequirements {
  const ordered = sortBySpecificity(regs);
  const requirements = ordered.map((r) => r.requirements);
  const restricting = requirements.flatMap((r) => (r.allowedActions ? [r.allowedActions] : []));
  const caps = requirements.flatMap((r) => (r.maxTtlSeconds === null ? [] : [r.maxTtlSeconds]));
  return {
    neverAutomatic: requirements.some((r) => r.neverAutomatic),
    allowedActions:
      restricting.length === 0 ? null : ACTION_TYPES.filter((action) => restricting.every((list) => list.includes(action))),
    approvers: distinct(requirements.flatMap((r) => (r.approvalBy ? [r.approvalBy] : []))),
    maxTtlSeconds: caps.length === 0 ? null : Math.min(...caps),
    preferredActions: distinct(requirements.flatMap((r) => (r.preferredAction ? [r.preferredAction] : []))),
    maintenanceWindowSets: requirements.flatMap((r) => (r.maintenanceWindows.length > 0 ? [r.maintenanceWindows] : [])),
  };
}

/** True when no registration restricts times, or `now` is inside a window of each one that does. */
export function insideMaintenanceWindows(merged: TMergedRequirements, now: Date): boolean {
  return merged.maintenanceWindowSets.every((windows) => isInsideAnyWindow(windows, now));
}

/** "10.0.0.0/8 (Payments, owner Ada Lovelace)": how reasons and notes name a registration. */
export function registrationLabel(reg: TRegistration): string {
  return `${reg.selector.value} (${reg.businessService}, owner ${reg.ownerName})`;
}

// In ACTION_TYPES order, so two owners listing the same actions read the same.
function actionList(actions: readonly TActionType[]): string {
  const listed = ACTION_TYPES.filter((a) => actions.includes(a));
  return listed.length === 0 ? "no action" : listed.map((a) => ACTION_LABELS[a]).join(", ");
}

function windowList(windows: readonly TMaintenanceWindow[]): string {
  return windows.length === 0 ? "allows any time" : `allows only ${windows.map(describeWindow).join(" or ")}`;
}

/**
 * One note per requirement on which overlapping registrations differ, naming each
 * owner's position and what the merge makes of it, for the UI and decision reasons.
 */
export function describeConflicts(regs: readonly TRegistration[]): string[] {
  if (regs.length < 2) return [];
  const ordered = sortBySpecificity(regs);
  const merged = strictestRequirements(ordered);
  // [aspect, one owner's position, what applies]; positions that read alike agree.
  const aspects: [string, (r: TRegistration) => string, string][] = [
    ["the asset class", (r) => `says ${r.assetClass}`,
      `The most specific registration's class, ${ordered[0]?.assetClass}, applies.`],
    ["automatic containment", (r) => (r.requirements.neverAutomatic ? "never allows it" : "allows it"),
      "Containment of this target always goes to a human."],
    ["allowed actions", ({ requirements: { allowedActions } }) => (allowedActions ? `allows only ${actionList(allowedActions)}` : "allows any action"),
      `Only ${actionList(merged.allowedActions ?? [])} remains allowed.`],
    ["approval", ({ requirements: { approvalBy } }) => (approvalBy ? `requires approval by ${approvalBy}` : "requires no approval"),
      `Approval by ${merged.approvers.join(" and ")} is needed.`],
    ["the longest containment", ({ requirements: { maxTtlSeconds } }) => (maxTtlSeconds === null ? "sets no cap" : `caps it at ${formatShortDuration(maxTtlSeconds)}`),
      `The shortest cap, ${formatShortDuration(merged.maxTtlSeconds ?? 0)}, applies.`],
    ["the preferred action", ({ requirements: { preferredAction } }) => (preferredAction ? `prefers ${ACTION_LABELS[preferredAction]}` : "names none"),
      "Each preference is shown as a recommendation; none runs automatically."],
    ["maintenance windows", (r) => windowList(r.requirements.maintenanceWindows),
      "Automatic containment needs a moment inside the windows of every registration that sets them."],
  ];
  return aspects.flatMap(([aspect, position, outcome]) => {
    const positions = ordered.map(position);
    if (new Set(positions).size < 2) return [];
    const views = ordered.map((reg, i) => `${registrationLabel(reg)} ${positions[i]}`).join("; ");
    return [`Overlapping registrations disagree on ${aspect}: ${views}. ${outcome}`];
  });
}
