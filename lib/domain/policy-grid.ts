// The policy document seen as a grid: action (rows) × asset class (columns), each cell
// either written down or left to the default rule. The editor, the diff and the signing
// checks all read the document through these helpers, so "which cell applies" has one
// answer, the same one decide() uses (exact action + asset class, else the default rule).
import { ACTION_TYPES, type TActionType, type TPolicyCell, type TPolicyDocument, type TPolicyRule } from "./types";

export function cellKey(action: TActionType, assetClass: string): string {
  return `${action}/${assetClass}`;
}

/** Only the cell's own fields: never an alias of the rule with its grid coordinates. */
export function cellOf(source: TPolicyCell): TPolicyCell {
  return {
    mode: source.mode,
    minConfidence: source.minConfidence,
    maxBlastRadius: source.maxBlastRadius,
    ttlSeconds: source.ttlSeconds,
    requireContext: source.requireContext,
    allowIrreversible: source.allowIrreversible,
  };
}

/** The written cell for this action and asset class, or null when the default rule applies. */
export function findRule(document: TPolicyDocument, action: TActionType, assetClass: string): TPolicyRule | null {
  return document.rules.find((r) => r.action === action && r.assetClass === assetClass) ?? null;
}

/** The cell decide() would apply: the written one, else the default rule. */
export function effectiveCell(document: TPolicyDocument, action: TActionType, assetClass: string): { cell: TPolicyCell; written: boolean } {
  const rule = findRule(document, action, assetClass);
  return rule ? { cell: cellOf(rule), written: true } : { cell: cellOf(document.defaultRule), written: false };
}

/** A new document with the cell written (or removed, with `cell: null`), in grid order. */
export function withCell(document: TPolicyDocument, action: TActionType, assetClass: string, cell: TPolicyCell | null): TPolicyDocument {
  const others = document.rules.filter((r) => !(r.action === action && r.assetClass === assetClass));
  const rules = cell ? [...others, { action, assetClass, ...cellOf(cell) }] : others;
  return { ...document, rules: sortRules(rules, columnOrder(document)) };
}

/** Asset classes in the order the document first names them. */
export function columnOrder(document: TPolicyDocument): string[] {
  return [...new Set(document.rules.map((r) => r.assetClass))];
}

/**
 * Grid order: by action (as ACTION_TYPES lists them), then by the asset classes' order.
 * Signed documents keep the order they were signed in (the digest covers it); drafts are
 * stored in this order so that two drafts with the same cells read the same.
 */
export function sortRules(rules: TPolicyRule[], classOrder: readonly string[]): TPolicyRule[] {
  const classRank = (key: string) => {
    const i = classOrder.indexOf(key);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...rules].sort(
    (a, b) =>
      ACTION_TYPES.indexOf(a.action) - ACTION_TYPES.indexOf(b.action) ||
      classRank(a.assetClass) - classRank(b.assetClass) ||
      (a.assetClass < b.assetClass ? -1 : a.assetClass > b.assetClass ? 1 : 0),
  );
}

/** The grid's columns: the known asset classes first (in their order), then any class only the document names. */
export function gridColumns(knownClasses: readonly string[], ...documents: TPolicyDocument[]): string[] {
  const named = documents.flatMap((d) => d.rules.map((r) => r.assetClass));
  return [...new Set([...knownClasses, ...named])];
}
