// THE decision: one proposal + the signed policy + the protected list + holds → a verdict
// with its reasons. Live traffic and backtests both call this, so it is pure: the clock
// arrives as `input.now`, and the same input always gives the same decision.
import { ACTION_LABELS, type TDecision, type TDecisionInput, type TPolicyCell, type TSelector, type TVerdict } from "./types";
import { compileSelector, compiledMatches, type TCompiledSelector } from "./selectors";
import type { TParseResult } from "./result";
import { isRegistrationActive } from "./registration-index";
import { registrationLabel, sortBySpecificity, strictestRequirements } from "./requirements";
import { inferAssetClass } from "./asset-class";
import { cappedTtl, evaluateCell, type TDecisionContext, type TOutcome } from "./decide-cell";
import { registrationNotes } from "./decide-notes";
import { cellOf } from "./policy-grid";
import { NO_POLICY_REASON, killSwitchReason, preferredRecommendation, proposalRecommendation } from "./decide-wording";

const PAST: Record<TVerdict, string> = {
  execute: "executed",
  escalate: "escalated",
  suppress: "suppressed",
  forbid: "forbidden",
  shadow: "shadowed",
};

function gate(ctx: TDecisionContext): TOutcome | null {
  const { input, merged, matched } = ctx;
  const { proposal, now } = input;
  if (input.killSwitch.engaged) return { verdict: "escalate", reasons: [killSwitchReason(input.killSwitch)] };
  if (!ctx.policy) return { verdict: "escalate", reasons: [NO_POLICY_REASON] };
  if (!ctx.target.ok) {
    return { verdict: "escalate", reasons: [`The target is not a valid ${proposal.target.kind}: ${ctx.target.error}`] };
  }
  const holds = input.holds.filter((h) => h.expiresAt.getTime() > now.getTime() && covers(ctx.target, h.selector));
  if (holds.length > 0) {
    return {
      verdict: "suppress",
      reasons: holds.map((h) =>
        `Investigation hold on ${h.selector.value} by ${h.placedBy} until ${h.expiresAt.toISOString()}: '${h.reason}' — containment suppressed`),
    };
  }
  const allowed = merged.allowedActions;
  if (allowed && !allowed.includes(proposal.action)) {
    const owner = matched.find((r) => r.requirements.allowedActions && !r.requirements.allowedActions.includes(proposal.action));
    const list = allowed.length === 0 ? "no action at all" : `only ${allowed.map((a) => ACTION_LABELS[a]).join(", ")}`;
    return {
      verdict: "suppress",
      reasons: [`${ACTION_LABELS[proposal.action]} is not allowed on ${owner ? registrationLabel(owner) : proposal.target.value}: the owners allow ${list}`],
      recommendation: preferredRecommendation(proposal, merged),
    };
  }
  return null;
}

function evaluate(ctx: TDecisionContext, cell: TPolicyCell | null): TOutcome {
  const gated = gate(ctx);
  if (gated) return gated;
  // gate() escalates when there is no policy, so a cell exists from here on.
  if (!cell) return { verdict: "escalate", reasons: [NO_POLICY_REASON] };
  const notes = registrationNotes(ctx);
  if (cell.mode === "forbidden") {
    return { verdict: "forbid", reasons: [`Policy v${ctx.policy?.version} forbids ${ctx.cellName}`, ...notes] };
  }
  if (cell.mode !== "shadow") return evaluateCell(ctx, cell, notes);
  // Rehearsal: run the remaining checks as if the cell were autonomous, act on nothing.
  const inner = evaluateCell(ctx, { ...cell, mode: "autonomous" }, notes);
  const [first = "", ...rest] = inner.reasons;
  return {
    verdict: "shadow",
    reasons: [`Shadow mode for ${ctx.cellName}: would have ${PAST[inner.verdict]} — ${first}`, ...rest],
    recommendation: inner.recommendation,
    wouldHave: inner.verdict,
  };
}

// selectorMatches, with the target parsed once per decision instead of once per selector.
function covers(target: TParseResult<TCompiledSelector>, selector: TSelector): boolean {
  if (!target.ok) return false;
  const compiled = compileSelector(selector.kind, selector.value);
  return compiled.ok && compiledMatches(compiled.value, target.value);
}

export function decide(input: TDecisionInput): TDecision {
  const { proposal, policy, now } = input;
  const target = compileSelector(proposal.target.kind, proposal.target.value);
  const matched = sortBySpecificity(
    input.registrations.filter((r) => isRegistrationActive(r, now) && covers(target, r.selector)),
  );
  const merged = strictestRequirements(matched);
  const assetClass = matched[0]?.assetClass ?? inferAssetClass(proposal.target);
  const rule = policy?.document.rules.find((r) => r.action === proposal.action && r.assetClass === assetClass);
  const source = policy ? (rule ?? policy.document.defaultRule) : null;
  const cell: TPolicyCell | null = source && cellOf(source);
  const cellName = rule
    ? `${ACTION_LABELS[proposal.action]} on ${assetClass}`
    : `${ACTION_LABELS[proposal.action]} under the default rule`;
  const ctx: TDecisionContext = { input, target, policy, matched, merged, assetClass, hasCell: Boolean(rule), cellName };
  const outcome = evaluate(ctx, cell);
  // Escalations carry the TTL too: it is what an approval would execute with.
  const acts = outcome.verdict === "execute" || outcome.verdict === "escalate" || outcome.verdict === "shadow";
  return {
    verdict: outcome.verdict,
    reasons: outcome.reasons,
    assetClass,
    cell,
    ttlSeconds: acts && cell ? cappedTtl(cell, merged) : null,
    registrationIds: matched.map((r) => r.id),
    approver: merged.approvers.length > 0 ? merged.approvers.join(" and ") : null,
    recommendation:
      outcome.recommendation ?? (outcome.verdict === "escalate" ? proposalRecommendation(proposal, merged) : null),
    policyVersion: policy?.version ?? null,
    wouldHaveVerdict: outcome.wouldHave ?? null,
  };
}
