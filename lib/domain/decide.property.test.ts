// The invariants of decide(), over thousands of generated policies, registrations, holds
// and proposals. Each expectation is computed here, independently of decide's own code.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TDecision, TDecisionInput, TMaintenanceWindow, TPolicyCell, TRegistration } from "./types";
import { decide } from "./decide";
import { selectorMatches } from "./selectors";
import { inferAssetClass } from "./asset-class";
import { canonicalJson } from "./canonical-json";
import { arbActivePolicy, arbDecisionInput, arbHeldInput, arbProtectedInput } from "./decide.arbitraries";

const RUNS = { numRuns: 2500 };
const live = (expiresAt: Date | null, now: Date) => expiresAt === null || expiresAt.getTime() > now.getTime();
const covering = (i: TDecisionInput): TRegistration[] =>
  i.registrations.filter((r) => live(r.expiresAt, i.now) && selectorMatches(r.selector, i.proposal.target));
const isHeld = (i: TDecisionInput) => i.holds.some((h) => live(h.expiresAt, i.now) && selectorMatches(h.selector, i.proposal.target));

// Week-minute arithmetic: a window starting on day d covers (end - start) mod 1 day, or a full day when equal.
function insideOracle(windows: TMaintenanceWindow[], now: Date): boolean {
  const WEEK = 7 * 1440;
  const min = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const at = now.getUTCDay() * 1440 + now.getUTCHours() * 60 + now.getUTCMinutes();
  return windows.some((w) => {
    const length = ((min(w.end) - min(w.start) + 1440 - 1) % 1440) + 1;
    return w.daysOfWeek.some((d) => (at - (d * 1440 + min(w.start)) + WEEK) % WEEK < length);
  });
}

function ownerRequirementsHold(d: TDecision, i: TDecisionInput): void {
  for (const { requirements: r } of covering(i)) {
    expect(r.neverAutomatic).toBe(false);
    expect(r.approvalBy).toBeNull();
    if (r.allowedActions) expect(r.allowedActions).toContain(i.proposal.action);
    if (r.maintenanceWindows.length > 0) expect(insideOracle(r.maintenanceWindows, i.now)).toBe(true);
    if (r.maxTtlSeconds !== null) expect(d.ttlSeconds).toBeLessThanOrEqual(r.maxTtlSeconds);
  }
}

function expectedCell(i: TDecisionInput, assetClass: string): TPolicyCell | null {
  const rule = i.policy?.document.rules.find((r) => r.action === i.proposal.action && r.assetClass === assetClass);
  const cell = rule ?? i.policy?.document.defaultRule ?? null;
  if (!cell) return null;
  const { mode, minConfidence, maxBlastRadius, ttlSeconds, requireContext, allowIrreversible } = cell;
  return { mode, minConfidence, maxBlastRadius, ttlSeconds, requireContext, allowIrreversible };
}

// Generous timeout: 3,000 runs share two cores with the rest of the suite.
describe("decide invariants", { timeout: 30_000 }, () => {
  it("(a) never executes without a policy or with the kill switch engaged", () => {
    const arb = fc.tuple(arbDecisionInput, fc.boolean()).map(([i, kill]): TDecisionInput =>
      kill ? { ...i, killSwitch: { engaged: true, reason: "drill", by: "Ada" } } : { ...i, policy: null });
    fc.assert(fc.property(arb, (i) => {
      expect(decide(i).verdict).toBe("escalate");
    }), RUNS);
  });

  it("(b) never executes a protected asset outside its owners' requirements", () => {
    fc.assert(fc.property(fc.oneof(arbProtectedInput, arbDecisionInput), (i) => {
      const d = decide(i);
      expect(d.registrationIds.toSorted()).toEqual(covering(i).map((r) => r.id).toSorted());
      if (d.verdict === "execute") ownerRequirementsHold(d, i);
      const allowed = covering(i).every((r) => !r.requirements.allowedActions || r.requirements.allowedActions.includes(i.proposal.action));
      if (!allowed && i.policy && !i.killSwitch.engaged && !isHeld(i)) expect(d.verdict).toBe("suppress");
    }), RUNS);
  });

  it("(c) never executes a held target; suppresses it when a policy is live", () => {
    fc.assert(fc.property(arbHeldInput, (i) => {
      const d = decide(i);
      expect(d.verdict).toBe("suppress");
      expect(d.reasons[0]).toMatch(/^Investigation hold on /);
    }), RUNS);
  });

  it("(d) executes only within the cell's thresholds and the context rule", () => {
    fc.assert(fc.property(fc.oneof(arbDecisionInput, arbProtectedInput), (i) => {
      const d = decide(i);
      const regs = covering(i);
      expect(regs.length > 0 ? regs.map((r) => r.assetClass) : [inferAssetClass(i.proposal.target)]).toContain(d.assetClass);
      expect(d.cell).toEqual(expectedCell(i, d.assetClass));
      if (d.verdict === "shadow") expect(d.cell?.mode).toBe("shadow");
      if (d.verdict === "forbid") expect(d.cell?.mode).toBe("forbidden");
      if (d.verdict !== "execute") return;
      const cell = expectedCell(i, d.assetClass);
      const p = i.proposal;
      expect(cell?.mode).toBe("autonomous");
      expect(p.confidence).toBeGreaterThanOrEqual(cell?.minConfidence ?? Infinity);
      expect(p.blastRadius.count).toBeLessThanOrEqual(cell?.maxBlastRadius ?? -1);
      expect(p.reversible || cell?.allowIrreversible).toBe(true);
      const contextOk = p.context.status === "clear" || (p.context.status === "unavailable" && i.policy?.document.failMode === "execute" && !cell?.requireContext);
      expect(contextOk).toBe(true);
      const caps = regs.flatMap((r) => (r.requirements.maxTtlSeconds === null ? [] : [r.requirements.maxTtlSeconds]));
      expect(d.ttlSeconds).toBe(Math.min(cell?.ttlSeconds ?? 0, ...caps));
    }), RUNS);
  });

  it("(e) is deterministic and leaves its input untouched", () => {
    fc.assert(fc.property(arbDecisionInput, (i) => {
      const before = canonicalJson(i);
      const first = decide(i);
      expect(canonicalJson(i)).toBe(before);
      expect(decide(structuredClone(i))).toEqual(first);
    }), { numRuns: 2000 });
  });

  it("(e) is total: malformed selectors, windows and numbers never make it throw or execute blindly", () => {
    const odd = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Infinity, -1, 0));
    const arbHostile = fc
      .tuple(arbDecisionInput, arbActivePolicy, fc.option(fc.string()), fc.string(), odd, odd, odd, odd)
      .map(([i, policy, targetValue, selectorValue, confidence, minConfidence, ttl, cap]): TDecisionInput => ({
        ...i,
        policy: { ...policy, document: { ...policy.document, defaultRule: { ...policy.document.defaultRule, minConfidence, ttlSeconds: ttl } } },
        proposal: { ...i.proposal, confidence, target: { ...i.proposal.target, value: targetValue ?? i.proposal.target.value } },
        registrations: i.registrations.map((r, n) => ({
          ...r,
          selector: n === 0 ? { ...r.selector, value: selectorValue } : r.selector,
          requirements: { ...r.requirements, maxTtlSeconds: cap, maintenanceWindows: [{ daysOfWeek: [9], start: selectorValue, end: "24:00" }] },
        })),
      }));
    fc.assert(fc.property(arbHostile, (i) => {
      const d = decide(i);
      expect(d.reasons.length).toBeGreaterThan(0);
      if (d.verdict === "execute") {
        expect(i.proposal.confidence).toBeGreaterThanOrEqual(d.cell?.minConfidence ?? Infinity);
        expect(Number.isFinite(d.ttlSeconds) && (d.ttlSeconds ?? 0) > 0).toBe(true);
      }
    }), { numRuns: 2000 });
  });

  it("(f) always gives reasons, and a recommendation with every escalation", () => {
    fc.assert(fc.property(fc.oneof(arbDecisionInput, arbProtectedInput, arbHeldInput), (i) => {
      const d = decide(i);
      expect(d.reasons.length).toBeGreaterThan(0);
      for (const reason of d.reasons) expect(reason.trim()).not.toBe("");
      if (d.verdict === "escalate") expect(d.recommendation).toBeTruthy();
    }), RUNS);
  });

  it("generators reach every verdict, so the invariants above are exercised", () => {
    const counts = new Map<string, number>();
    for (const i of fc.sample(fc.oneof(arbDecisionInput, arbProtectedInput), { numRuns: 3000, seed: 7 })) {
      const d = decide(i);
      const key = d.verdict === "execute" && d.registrationIds.length > 0 ? "execute-protected" : d.verdict;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const verdict of ["execute", "execute-protected", "escalate", "suppress", "forbid", "shadow"]) {
      expect(counts.get(verdict) ?? 0, `${verdict}: ${JSON.stringify([...counts])}`).toBeGreaterThan(30);
    }
  });
});
