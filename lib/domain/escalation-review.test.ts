import { describe, expect, it } from "vitest";
import { approvalVerdict, isNamedApprover, modificationProblems, proposalFromDecision, type TDecisionRow } from "./escalation-review";
import type { TDecision } from "./types";

const decision = (over: Partial<TDecision>): TDecision => ({
  verdict: "escalate",
  reasons: ["Confidence 0.283 is below the minimum 0.8 for autonomous Block IP on external-ip"],
  assetClass: "external-ip",
  cell: null,
  ttlSeconds: 14_400,
  registrationIds: [],
  approver: null,
  recommendation: null,
  policyVersion: 1,
  ...over,
});

const row: TDecisionRow = {
  playbookKey: "brute-force-ip",
  playbookVersion: 2,
  action: "block_ip",
  targetKind: "ip",
  targetValue: "203.0.113.7",
  confidence: 0.42,
  blastRadius: { count: 1, items: ["host web-01"] },
  reversible: true,
  contextStatus: "conflicting",
  contextSummary: "1 successful login",
};

describe("approvalVerdict", () => {
  it("lets a human approve what only asked for a human, with the decision's TTL", () => {
    expect(approvalVerdict({ redecision: decision({}), releasedSince: null, target: "203.0.113.7" })).toEqual({ ok: true, ttlSeconds: 14_400 });
    expect(approvalVerdict({ redecision: decision({ verdict: "execute" }), releasedSince: null, target: "x" })).toEqual({ ok: true, ttlSeconds: 14_400 });
  });

  it("refuses when a hold, the owners or the policy now protect the target, with their reasons", () => {
    const held = decision({ verdict: "suppress", reasons: ["Investigation hold on 203.0.113.0/24 by Sam"] });
    expect(approvalVerdict({ redecision: held, releasedSince: null, target: "x" })).toEqual({ ok: false, superseded: true, reasons: ["Investigation hold on 203.0.113.0/24 by Sam"] });
    const forbidden = decision({ verdict: "forbid", reasons: ["Policy v2 forbids Block IP on crown-jewel"] });
    expect(approvalVerdict({ redecision: forbidden, releasedSince: null, target: "x" })).toMatchObject({ ok: false, superseded: true, reasons: ["Policy v2 forbids Block IP on crown-jewel"] });
  });

  it("refuses when the target was released since the escalation opened", () => {
    const releasedSince = { by: "Sam Okafor", reason: "False positive", at: new Date("2026-11-27T02:00:00Z") };
    expect(approvalVerdict({ redecision: decision({}), releasedSince, target: "203.0.113.7" })).toEqual({
      ok: false,
      superseded: true,
      reasons: ["203.0.113.7 was released by Sam Okafor at 2026-11-27T02:00:00.000Z ('False positive') after this escalation opened"],
    });
  });

  it("refuses without a TTL (a containment must expire by itself), but does not close the escalation", () => {
    expect(approvalVerdict({ redecision: decision({ ttlSeconds: null }), releasedSince: null, target: "x" })).toMatchObject({ ok: false, superseded: false, reasons: [expect.stringMatching(/^No policy cell gives this action a TTL/), expect.any(String)] });
  });
});

describe("modificationProblems", () => {
  it("accepts another action for the same kind of target and a shorter TTL", () => {
    expect(modificationProblems({ targetKind: "account", action: "revoke_sessions", ttlSeconds: 600, maxTtlSeconds: 3600 })).toBeNull();
    expect(modificationProblems({ targetKind: "ip", action: "block_ip", ttlSeconds: undefined, maxTtlSeconds: 3600 })).toBeNull();
  });

  it("refuses an action the target cannot take and a TTL over the cap, per field", () => {
    expect(modificationProblems({ targetKind: "ip", action: "disable_account", ttlSeconds: 7200, maxTtlSeconds: 3600 })).toEqual({
      action: ["Disable account cannot be taken against an IP address."],
      ttlSeconds: ["At most 3600 s: the policy and the owners' registrations cap it there."],
    });
  });
});

describe("proposalFromDecision", () => {
  it("rebuilds the stored proposal, with the evidence and an optional other action", () => {
    const p = proposalFromDecision(row, ["accepted password for fztu"], "block_ip");
    expect(p).toMatchObject({
      playbook: { key: "brute-force-ip", version: 2 },
      action: "block_ip",
      target: { kind: "ip", value: "203.0.113.7", role: "target" },
      confidence: 0.42,
      blastRadius: { count: 1, items: ["host web-01"] },
      context: { status: "conflicting", summary: "1 successful login", evidence: ["accepted password for fztu"] },
    });
    expect(proposalFromDecision({ ...row, targetKind: "account", targetValue: "bob", action: "disable_account", contextStatus: "unavailable" }, [], "revoke_sessions")).toMatchObject({
      action: "revoke_sessions",
      context: { status: "unavailable" },
    });
  });
});

describe("isNamedApprover", () => {
  it("matches an e-mail or a name without case or surrounding spaces", () => {
    expect(isNamedApprover([" Owner@Example.com"], { email: "owner@example.com", name: "Priya" })).toBe(true);
    expect(isNamedApprover(["priya raman"], { email: "p@x", name: "Priya Raman" })).toBe(true);
    expect(isNamedApprover(["Payments CAB"], { email: "owner@example.com", name: "Priya" })).toBe(false);
    expect(isNamedApprover([], { email: "owner@example.com", name: "Priya" })).toBe(false);
  });
});
