// What changed between two policy versions, in plain words, and what the change does to
// autonomy. Pure: the console shows it, the signing dialog summarises it, the audit log
// records it.
import { cellKey, cellOf, findRule, gridColumns } from "./policy-grid";
import { cellSubject, DEFAULT_RULE_SUBJECT, defaultLabelOf, modePhrase, parameterChanges, type TLabelOf } from "./policy-wording";
import { ACTION_TYPES, type TActionType, type TPolicyCell, type TPolicyDocument } from "./types";

export type TPolicyChange =
  | { kind: "cell"; action: TActionType; assetClass: string; before: TPolicyCell | null; after: TPolicyCell | null; text: string }
  | { kind: "default"; before: TPolicyCell; after: TPolicyCell; text: string }
  | { kind: "failMode" | "sla" | "rationale"; text: string };

const sameCell = (a: TPolicyCell, b: TPolicyCell) =>
  a.mode === b.mode &&
  a.minConfidence === b.minConfidence &&
  a.maxBlastRadius === b.maxBlastRadius &&
  a.ttlSeconds === b.ttlSeconds &&
  a.requireContext === b.requireContext &&
  a.allowIrreversible === b.allowIrreversible;

const actsAlone = (cell: TPolicyCell) => cell.mode === "autonomous" || cell.mode === "shadow";

/** One sentence for a cell that changed; null stands for "not written: the default rule applies". */
function cellChangeText(subject: string, before: TPolicyCell | null, beforeDefault: TPolicyCell, after: TPolicyCell | null, afterDefault: TPolicyCell): string {
  if (before && !after) return `${subject}: ${modePhrase(before)} → the default rule (${modePhrase(afterDefault)})`;
  if (!before && after) return `${subject}: the default rule (${modePhrase(beforeDefault)}) → ${modePhrase(after)}`;
  if (!before || !after) return subject; // both null never reaches here: nothing changed
  if (before.mode === after.mode) return `${subject} (${after.mode}): ${parameterChanges(before, after).join(", ")}`;
  const extras = parameterChanges(before, after, { skipConfidence: actsAlone(after) });
  return `${subject}: ${before.mode} → ${modePhrase(after)}${extras.length > 0 ? `; ${extras.join(", ")}` : ""}`;
}

/** Cells in grid order (action, then asset class as the two documents name them). */
function cellChanges(before: TPolicyDocument, after: TPolicyDocument, labelOf: TLabelOf): TPolicyChange[] {
  const columns = gridColumns([], before, after);
  const changes: TPolicyChange[] = [];
  for (const action of ACTION_TYPES) {
    for (const assetClass of columns) {
      const b = findRule(before, action, assetClass);
      const a = findRule(after, action, assetClass);
      if (!b && !a) continue;
      const bc = b && cellOf(b);
      const ac = a && cellOf(a);
      if (bc && ac && sameCell(bc, ac)) continue;
      const text = cellChangeText(cellSubject(action, assetClass, labelOf), bc, before.defaultRule, ac, after.defaultRule);
      changes.push({ kind: "cell", action, assetClass, before: bc, after: ac, text });
    }
  }
  return changes;
}

/** Every difference between two policy documents, in plain words, cells first. */
export function diffPolicies(before: TPolicyDocument, after: TPolicyDocument, labelOf: TLabelOf = defaultLabelOf): TPolicyChange[] {
  const changes = cellChanges(before, after, labelOf);
  if (!sameCell(before.defaultRule, after.defaultRule)) {
    changes.push({
      kind: "default",
      before: cellOf(before.defaultRule),
      after: cellOf(after.defaultRule),
      text: cellChangeText(DEFAULT_RULE_SUBJECT, before.defaultRule, before.defaultRule, after.defaultRule, after.defaultRule),
    });
  }
  if (before.failMode !== after.failMode) {
    changes.push({ kind: "failMode", text: `Fail mode when context sources cannot be reached: ${before.failMode} → ${after.failMode}` });
  }
  if (before.escalationSlaMinutes !== after.escalationSlaMinutes) {
    changes.push({ kind: "sla", text: `Escalation SLA: ${before.escalationSlaMinutes} min → ${after.escalationSlaMinutes} min` });
  }
  if (before.rationale.trim() !== after.rationale.trim()) changes.push({ kind: "rationale", text: "Rationale rewritten" });
  return changes;
}

/** Keys ("action/assetClass") of the cells that differ, for highlighting a grid. */
export function changedCellKeys(changes: readonly TPolicyChange[]): Set<string> {
  return new Set(changes.flatMap((c) => (c.kind === "cell" ? [cellKey(c.action, c.assetClass)] : [])));
}

export type TAutonomyShift = {
  /** "Revoke sessions on human accounts at confidence ≥ 0.85" */
  becomes: string[];
  /** "Block IP on external IPs (now escalate)" */
  stops: string[];
};

/**
 * What signing `after` in place of `before` (null: no active policy) does to autonomy:
 * the cells that start or stop executing on their own. Cells left to the default rule in
 * both documents are summed up in one line about the default rule.
 */
export function autonomyShift(before: TPolicyDocument | null, after: TPolicyDocument, labelOf: TLabelOf = defaultLabelOf): TAutonomyShift {
  const shift: TAutonomyShift = { becomes: [], stops: [] };
  const wasAutonomous = (cell: TPolicyCell | null) => before !== null && cell?.mode === "autonomous";
  const columns = gridColumns([], ...(before ? [before] : []), after);
  for (const action of ACTION_TYPES) {
    for (const assetClass of columns) {
      const b = before ? findRule(before, action, assetClass) : null;
      const a = findRule(after, action, assetClass);
      if (!b && !a) continue;
      const beforeCell = b ?? before?.defaultRule ?? null;
      const afterCell = a ?? after.defaultRule;
      const subject = cellSubject(action, assetClass, labelOf);
      if (!wasAutonomous(beforeCell) && afterCell.mode === "autonomous") shift.becomes.push(`${subject} ${modePhrase(afterCell).replace(/^autonomous /, "")}`);
      if (wasAutonomous(beforeCell) && afterCell.mode !== "autonomous") shift.stops.push(`${subject} (now ${afterCell.mode})`);
    }
  }
  if (!wasAutonomous(before?.defaultRule ?? null) && after.defaultRule.mode === "autonomous") {
    shift.becomes.push(`${DEFAULT_RULE_SUBJECT} ${modePhrase(after.defaultRule).replace(/^autonomous /, "")}`);
  }
  if (wasAutonomous(before?.defaultRule ?? null) && after.defaultRule.mode !== "autonomous") {
    shift.stops.push(`${DEFAULT_RULE_SUBJECT} (now ${after.defaultRule.mode})`);
  }
  return shift;
}
