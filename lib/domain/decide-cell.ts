// The part of decide() that applies one policy cell: context check, the cell's mode and
// thresholds, then the owners' requirements. Shadow cells run it too, as a rehearsal.
import type { TActivePolicy, TDecisionInput, TPolicyCell, TRegistration, TVerdict } from "./types";
import { registrationLabel, type TMergedRequirements } from "./requirements";
import { describeWindow, isInsideAnyWindow } from "./maintenance-window";
import { formatShortDuration } from "./go-duration";
import { actionOn, conflictingRecommendation, formatScore } from "./decide-wording";
import { ACTION_LABELS } from "./types";
import type { TCompiledSelector } from "./selectors";
import type { TParseResult } from "./result";

export type TDecisionContext = {
  input: TDecisionInput;
  /** The proposal's target, parsed once. */
  target: TParseResult<TCompiledSelector>;
  policy: TActivePolicy | null;
  /** Active registrations matching the target, most specific first. */
  matched: TRegistration[];
  merged: TMergedRequirements;
  assetClass: string;
  /** False when the default rule stands in for a missing grid cell. */
  hasCell: boolean;
  /** "Block IP on external-ip" or "Block IP under the default rule". */
  cellName: string;
};

export type TOutcome = {
  verdict: TVerdict;
  reasons: string[];
  recommendation?: string | null;
  /** Shadow only: the verdict the rehearsal reached. */
  wouldHave?: TVerdict;
};

export function cappedTtl(cell: TPolicyCell, merged: TMergedRequirements): number {
  return Math.min(cell.ttlSeconds, merged.maxTtlSeconds ?? Infinity);
}

// Negated comparisons so that NaN fails the check instead of passing it.
function autonomyFailures(ctx: TDecisionContext, cell: TPolicyCell): string[] {
  const { confidence, blastRadius, reversible, action } = ctx.input.proposal;
  const failures: string[] = [];
  if (!(confidence >= cell.minConfidence)) {
    failures.push(`Confidence ${formatScore(confidence, cell.minConfidence)} is below the minimum ${formatScore(cell.minConfidence)} for autonomous ${ctx.cellName}`);
  }
  if (!(blastRadius.count <= cell.maxBlastRadius)) {
    const touched = blastRadius.items.length > 0 ? ` (${blastRadius.items.slice(0, 5).join(", ")}${blastRadius.items.length > 5 ? ", …" : ""})` : "";
    failures.push(`Blast radius ${blastRadius.count} exceeds the maximum ${cell.maxBlastRadius} for autonomous ${ctx.cellName}${touched}`);
  }
  if (!reversible && !cell.allowIrreversible) {
    failures.push(`${ACTION_LABELS[action]} is not reversible here, and policy v${ctx.policy?.version} does not allow irreversible autonomous ${ctx.cellName}`);
  }
  return failures;
}

function ownerFailures(ctx: TDecisionContext): string[] {
  const { matched } = ctx;
  const now = ctx.input.now;
  return [
    ...matched.filter((r) => r.requirements.neverAutomatic)
      .map((r) => `${registrationLabel(r)} is registered as never automatic: containment waits for a human`),
    ...matched.filter((r) => r.requirements.approvalBy)
      .map((r) => `${registrationLabel(r)} requires approval by ${r.requirements.approvalBy}`),
    ...matched.filter((r) => r.requirements.maintenanceWindows.length > 0 && !isInsideAnyWindow(r.requirements.maintenanceWindows, now))
      .map((r) => `Outside the maintenance windows (${r.requirements.maintenanceWindows.map(describeWindow).join(" or ")}) of ${registrationLabel(r)}: automatic containment waits for a human`),
  ];
}

export function evaluateCell(ctx: TDecisionContext, cell: TPolicyCell, notes: readonly string[]): TOutcome {
  const { proposal } = ctx.input;
  const version = ctx.policy?.version;
  const context = proposal.context;
  const trail = [...notes];
  if (context.status === "unavailable") {
    const head = `Context check unavailable (${context.summary})`;
    const failMode = ctx.policy?.document.failMode ?? "escalate";
    if (failMode === "suppress") return { verdict: "suppress", reasons: [`${head}: policy fail mode is suppress — nothing done`, ...trail] };
    if (failMode === "escalate") return { verdict: "escalate", reasons: [`${head}: policy fail mode escalates to a human`, ...trail] };
    if (cell.requireContext) {
      return { verdict: "escalate", reasons: [`${head}: ${ctx.cellName} requires a clear context check, so fail mode "execute" does not apply — escalated`, ...trail] };
    }
    trail.push(`${head}: policy fail mode is execute, so the remaining checks decide`);
  }
  if (context.status === "conflicting") {
    return {
      verdict: "escalate",
      reasons: [`Context check found evidence against acting: ${context.summary}`, ...context.evidence.map((e) => `Evidence: ${e}`), ...trail],
      recommendation: conflictingRecommendation(proposal, context.evidence),
    };
  }
  if (cell.mode !== "autonomous") {
    return { verdict: "escalate", reasons: [`Policy v${version} requires a human decision for ${ctx.cellName}`, ...trail] };
  }
  const ttl = cappedTtl(cell, ctx.merged);
  const badTtl = ttl > 0 && Number.isFinite(ttl) ? [] : [`TTL ${formatShortDuration(ttl)} is not a positive, finite time: a containment must expire by itself`];
  const failures = [...autonomyFailures(ctx, cell), ...ownerFailures(ctx), ...badTtl];
  if (failures.length > 0) return { verdict: "escalate", reasons: [...failures, ...trail] };
  const contextText = context.status === "clear" ? `context clear (${context.summary})` : "context unavailable, fail mode execute";
  const execute = `${actionOn(proposal.action, proposal.target.value)} executes autonomously under policy v${version} signed by ${ctx.policy?.signedBy}: confidence ${formatScore(proposal.confidence)} ≥ ${formatScore(cell.minConfidence)}, blast radius ${proposal.blastRadius.count} ≤ ${cell.maxBlastRadius}, ${contextText}; expires after ${formatShortDuration(ttl)}`;
  // Name the registration that set the cap, as the other owner-driven reasons do.
  const capper = ctx.matched.find((r) => r.requirements.maxTtlSeconds === ctx.merged.maxTtlSeconds);
  const capped = ttl < cell.ttlSeconds ? [`TTL capped at ${formatShortDuration(ttl)} by ${capper ? registrationLabel(capper) : "the owners' registrations"} (policy cell: ${formatShortDuration(cell.ttlSeconds)})`] : [];
  return { verdict: "execute", reasons: [execute, ...trail, ...capped] };
}
