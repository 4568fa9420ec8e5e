// Whether a draft may be signed. Saving a draft only needs ZEditablePolicyDocument (a
// draft may be work in progress); signing also refuses a policy that is empty or that
// contradicts itself, because once signed it runs without anyone reading it again.
//
// Empty: no cell at all. Only the default rule would apply to everything, which is never
// what a CISO means to sign; a policy that escalates everything is written as cells that
// escalate (the starting policy does exactly that).
//
// Contradictory:
// - two cells for the same action and asset class (which one applies?);
// - an autonomous or shadow cell whose minimum confidence is 1 or more: it says "act on
//   your own" but no playbook ever reports a confidence of 1 (they stop at 0.99), so it
//   would never act — write "escalate" if that is what is meant;
// - a cell for an asset class that does not exist: nothing can ever be classed that way,
//   so the cell can never apply (usually a typo or a deleted class);
// - an autonomous cell for an irreversible action without the acknowledgement.
// A rationale is required too: it is signed with the policy and tells the next reader why.
import { ZEditablePolicyDocument } from "./policy-schema";
import { cellSubject, DEFAULT_RULE_SUBJECT, defaultLabelOf, type TLabelOf } from "./policy-wording";
import type { TPolicyCell, TPolicyDocument } from "./types";

export type TPolicyProblem = { path: string; message: string };

export const MIN_RATIONALE_LENGTH = 20;

const neverActs = (cell: TPolicyCell) => (cell.mode === "autonomous" || cell.mode === "shadow") && cell.minConfidence >= 1;

export function policySigningProblems(
  document: TPolicyDocument,
  options: { assetClasses: readonly string[]; labelOf?: TLabelOf },
): TPolicyProblem[] {
  const labelOf = options.labelOf ?? defaultLabelOf;
  const parsed = ZEditablePolicyDocument.safeParse(document);
  const problems: TPolicyProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: issue.path.join(".") || "_form", message: issue.message }));
  if (document.rules.length === 0) {
    problems.push({ path: "rules", message: "The policy has no cells: write at least one (escalate, autonomous, forbidden or shadow) before signing. An empty policy cannot be signed." });
  }
  const known = new Set(options.assetClasses);
  document.rules.forEach((rule, i) => {
    if (!known.has(rule.assetClass)) {
      problems.push({
        path: `rules.${i}.assetClass`,
        message: `${cellSubject(rule.action, rule.assetClass, labelOf)}: there is no asset class "${rule.assetClass}", so this cell can never apply. Add the class under Asset classes, or remove the cell.`,
      });
    }
    if (neverActs(rule)) {
      problems.push({
        path: `rules.${i}.minConfidence`,
        message: `${cellSubject(rule.action, rule.assetClass, labelOf)} is ${rule.mode} at a minimum confidence of 1, which no playbook reaches (they stop at 0.99): it could never act. Lower the minimum, or make the cell escalate.`,
      });
    }
  });
  if (neverActs(document.defaultRule)) {
    problems.push({
      path: "defaultRule.minConfidence",
      message: `${DEFAULT_RULE_SUBJECT} is ${document.defaultRule.mode} at a minimum confidence of 1, which no playbook reaches: lower it or make it escalate.`,
    });
  }
  if (document.rationale.trim().length < MIN_RATIONALE_LENGTH) {
    problems.push({ path: "rationale", message: `Write a rationale of at least ${MIN_RATIONALE_LENGTH} characters: it is signed with the policy and tells the next reader why.` });
  }
  return problems;
}
