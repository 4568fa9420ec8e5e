// How the policy is put into words for people: the diff, the signing summary, audit
// summaries. "Disable account on service accounts: escalate → autonomous at confidence ≥ 0.9".
import { assetClassLabel } from "./asset-class";
import { formatScore } from "./decide-wording";
import { formatShortDuration } from "./go-duration";
import { ACTION_LABELS, type TActionType, type TPolicyCell } from "./types";

/** Turns an asset-class key into its label; custom classes come from the AssetClass table. */
export type TLabelOf = (assetClassKey: string) => string;

export const defaultLabelOf: TLabelOf = assetClassLabel;

export function labelLookup(classes: readonly { key: string; label: string }[]): TLabelOf {
  const labels = new Map(classes.map((c) => [c.key, c.label]));
  return (key) => labels.get(key) ?? assetClassLabel(key);
}

function pluralWord(word: string): string {
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/** "Service account" → "service accounts", "External IP" → "external IPs", "OT device" → "OT devices". */
export function pluralLabel(label: string): string {
  const words = label.trim().split(/\s+/);
  if (words.length === 0 || words[0] === "") return label;
  const [first = "", ...rest] = words;
  // Acronyms (IP, OT, VPN) keep their capitals; ordinary words read lower case mid-sentence.
  const lowered = first.length > 1 && first === first.toUpperCase() ? first : first.charAt(0).toLowerCase() + first.slice(1);
  const all = [lowered, ...rest];
  all[all.length - 1] = pluralWord(all[all.length - 1] ?? "");
  return all.join(" ");
}

/** "Disable account on service accounts". */
export function cellSubject(action: TActionType, assetClass: string, labelOf: TLabelOf = defaultLabelOf): string {
  return `${ACTION_LABELS[action]} on ${pluralLabel(labelOf(assetClass))}`;
}

export const DEFAULT_RULE_SUBJECT = "Default rule (anything without a cell, such as unregistered assets)";

export function confidenceText(value: number): string {
  return formatScore(value);
}

export function ttlText(seconds: number): string {
  return formatShortDuration(seconds);
}

/** "autonomous at confidence ≥ 0.9" / "escalate" / "shadow at confidence ≥ 0.85". */
export function modePhrase(cell: TPolicyCell): string {
  return cell.mode === "autonomous" || cell.mode === "shadow" ? `${cell.mode} at confidence ≥ ${confidenceText(cell.minConfidence)}` : cell.mode;
}

/** Everything a cell says, for lists and the printable page. */
export function describeCell(cell: TPolicyCell): string {
  if (cell.mode === "forbidden") return "forbidden";
  if (cell.mode === "escalate") return "escalate to a person";
  const context = cell.requireContext ? "context check must be clear" : "context check not required";
  const irreversible = cell.allowIrreversible ? ", irreversible actions allowed" : "";
  return `${modePhrase(cell)}, blast radius ≤ ${cell.maxBlastRadius}, TTL ${ttlText(cell.ttlSeconds)}, ${context}${irreversible}`;
}

/** The parameter changes between two cells of the same mode, in words ("TTL 4h → 8h"). */
export function parameterChanges(before: TPolicyCell, after: TPolicyCell, options: { skipConfidence?: boolean } = {}): string[] {
  const changes: string[] = [];
  if (!options.skipConfidence && before.minConfidence !== after.minConfidence) {
    changes.push(`minimum confidence ${confidenceText(before.minConfidence)} → ${confidenceText(after.minConfidence)}`);
  }
  if (before.maxBlastRadius !== after.maxBlastRadius) changes.push(`maximum blast radius ${before.maxBlastRadius} → ${after.maxBlastRadius}`);
  if (before.ttlSeconds !== after.ttlSeconds) changes.push(`TTL ${ttlText(before.ttlSeconds)} → ${ttlText(after.ttlSeconds)}`);
  if (before.requireContext !== after.requireContext) {
    changes.push(after.requireContext ? "now requires a clear context check" : "no longer requires a clear context check");
  }
  if (before.allowIrreversible !== after.allowIrreversible) {
    changes.push(after.allowIrreversible ? "irreversible actions now allowed" : "irreversible actions no longer allowed");
  }
  return changes;
}
