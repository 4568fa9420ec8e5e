import { describe, expect, it } from "vitest";
import type { TActivePolicy, TContainmentRequirements, TDecisionInput, TEntity, TProposal, TRegistration } from "./types";
import { decide } from "./decide";
import { demoPolicyDocument } from "./policy-defaults";

const NOW = new Date("2025-06-02T12:00:00Z"); // a Monday
const POLICY: TActivePolicy = { id: "p1", version: 3, signedBy: "Ada (CISO)", document: demoPolicyDocument() };
const ATTACKER: TEntity = { kind: "ip", value: "203.0.113.7", role: "target" };

function proposal(overrides: Partial<TProposal> = {}): TProposal {
  return {
    playbook: { key: "ssh-bruteforce", version: 3 },
    action: "block_ip",
    target: ATTACKER,
    confidence: 0.92,
    blastRadius: { count: 1, items: ["ip 203.0.113.7"] },
    reversible: true,
    context: { status: "clear", summary: "no legitimate traffic from 203.0.113.7 in 24 h" },
    rationale: "12 failed SSH logins in 60 s",
    ...overrides,
  };
}

function input(overrides: Partial<TDecisionInput> = {}, p: Partial<TProposal> = {}): TDecisionInput {
  return { proposal: proposal(p), policy: POLICY, registrations: [], holds: [], killSwitch: { engaged: false, reason: null, by: null }, now: NOW, ...overrides };
}

function registration(id: string, kind: TEntity["kind"], value: string, assetClass: string, requirements: Partial<TContainmentRequirements> = {}): TRegistration {
  return {
    id, selector: { kind, value }, ownerName: "Grace Hopper", businessService: "Payments", assetClass, expiresAt: null,
    requirements: { neverAutomatic: false, allowedActions: null, approvalBy: null, maxTtlSeconds: null, preferredAction: null, maintenanceWindows: [], ...requirements },
  };
}

const reasons = (i: TDecisionInput) => decide(i).reasons;

describe("decide: execute", () => {
  it("executes an external IP block that passes every check, and says why", () => {
    expect(decide(input())).toEqual({
      verdict: "execute",
      reasons: [
        "Block IP 203.0.113.7 executes autonomously under policy v3 signed by Ada (CISO): confidence 0.92 ≥ 0.8, blast radius 1 ≤ 5, context clear (no legitimate traffic from 203.0.113.7 in 24 h); expires after 4h",
        "203.0.113.7 is not registered: default policy applies (as external-ip)",
      ],
      assetClass: "external-ip",
      cell: { mode: "autonomous", minConfidence: 0.8, maxBlastRadius: 5, ttlSeconds: 14_400, requireContext: true, allowIrreversible: false },
      ttlSeconds: 14_400,
      registrationIds: [],
      approver: null,
      recommendation: null,
      policyVersion: 3,
      wouldHaveVerdict: null,
    });
  });

  it("caps the TTL at the owners' maximum", () => {
    const d = decide(input({ registrations: [registration("r1", "cidr", "203.0.113.0/24", "external-ip", { maxTtlSeconds: 3600 })] }));
    expect(d.verdict).toBe("execute");
    expect(d.ttlSeconds).toBe(3600);
    expect(d.reasons).toContain("TTL capped at 1h by 203.0.113.0/24 (Payments, owner Grace Hopper) (policy cell: 4h)");
    expect(d.reasons).toContain("Registered as external-ip by 203.0.113.0/24 (Payments, owner Grace Hopper)");
  });
});

describe("decide: gates before the policy cell", () => {
  it("escalates while the kill switch is engaged", () => {
    const d = decide(input({ killSwitch: { engaged: true, reason: "incident review", by: "Ada (CISO)" } }));
    expect(d.verdict).toBe("escalate");
    expect(d.reasons).toEqual(["Kill switch engaged by Ada (CISO): 'incident review' — autonomous execution paused"]);
    expect(d.recommendation).toBe("Block IP 203.0.113.7 (playbook ssh-bruteforce v3, confidence 0.92): 12 failed SSH logins in 60 s");
  });

  it("escalates without a signed policy", () => {
    const d = decide(input({ policy: null }));
    expect(d).toMatchObject({ verdict: "escalate", reasons: ["No signed policy: nothing executes autonomously"], cell: null, ttlSeconds: null, policyVersion: null });
  });

  it("escalates a target it cannot read", () => {
    expect(decide(input({}, { target: { kind: "ip", value: "10.1", role: "target" } })).reasons[0]).toMatch(/^The target is not a valid ip: "10.1" is not an IP address/);
  });

  it("suppresses a held target, and ignores a lapsed hold", () => {
    const hold = { id: "h1", selector: { kind: "cidr" as const, value: "203.0.113.0/24" }, reason: "forensics in progress", placedBy: "Lin (SOC lead)", expiresAt: new Date("2025-06-03T00:00:00Z") };
    const d = decide(input({ holds: [hold] }));
    expect(d).toMatchObject({ verdict: "suppress", ttlSeconds: null, recommendation: null });
    expect(d.reasons).toEqual(["Investigation hold on 203.0.113.0/24 by Lin (SOC lead) until 2025-06-03T00:00:00.000Z: 'forensics in progress' — containment suppressed"]);
    expect(decide(input({ holds: [{ ...hold, expiresAt: NOW }] })).verdict).toBe("execute");
  });

  it("suppresses an action the owner does not allow and recommends the preferred one", () => {
    const alice: TEntity = { kind: "account", value: "CORP\\Alice", role: "target" };
    const reg = registration("r1", "account", "corp\\alice", "human-account", { allowedActions: ["revoke_sessions", "step_up_auth"], preferredAction: "revoke_sessions" });
    const d = decide(input({ registrations: [reg] }, { action: "disable_account", target: alice }));
    expect(d.verdict).toBe("suppress");
    expect(d.reasons[0]).toBe("Disable account is not allowed on corp\\alice (Payments, owner Grace Hopper): the owners allow only Revoke sessions, Step-up authentication");
    expect(d.recommendation).toBe("Revoke sessions CORP\\Alice instead: the owner's preferred action");
    expect(d.registrationIds).toEqual(["r1"]);
  });
});

describe("decide: asset class and default rule", () => {
  it("takes the class of the most specific registration, and ignores lapsed ones", () => {
    const regs = [
      registration("subnet", "cidr", "203.0.113.0/24", "server"),
      registration("lapsed", "ip", "203.0.113.7", "workstation"),
      registration("address", "ip", "203.0.113.7", "crown-jewel"),
    ];
    regs[1] = { ...regs[1]!, expiresAt: NOW };
    const d = decide(input({ registrations: regs }));
    expect(d.assetClass).toBe("crown-jewel");
    expect(d.registrationIds).toEqual(["address", "subnet"]);
    expect(d.reasons).toContain("Registered as crown-jewel by 203.0.113.7 (Payments, owner Grace Hopper); also covered by 203.0.113.0/24 (Payments, owner Grace Hopper)");
    expect(d.reasons.some((r) => r.startsWith("Overlapping registrations disagree on the asset class"))).toBe(true);
  });

  it("applies the default rule when no cell exists, naming the registration deadline", () => {
    const bare = { ...POLICY, document: { ...POLICY.document, rules: [] } };
    expect(reasons(input({ policy: bare }))).toEqual([
      "Policy v3 requires a human decision for Block IP under the default rule",
      "203.0.113.7 is not registered: default policy applies",
    ]);
    expect(reasons(input({ policy: bare, registrationDeadline: new Date("2025-05-31T00:00:00Z") }))[1]).toBe("203.0.113.7 not registered by 2025-05-31: default policy applies");
    expect(reasons(input({ policy: bare, registrationDeadline: new Date("2025-06-30T00:00:00Z") }))[1]).toBe("203.0.113.7 is not registered (registration open until 2025-06-30): default policy applies");
    const custom = decide(input({ registrations: [registration("r1", "ip", "203.0.113.7", "payments-tier1")] }));
    expect(custom.reasons).toContain("No policy cell for Block IP on payments-tier1: default policy applies");
  });
});

describe("decide: cell modes", () => {
  const crownJewelHost: TEntity = { kind: "host", value: "db-01.pay.corp.example", role: "target" };
  const jewel = registration("r1", "host", "*.pay.corp.example", "crown-jewel");

  it("forbids what the policy forbids", () => {
    const d = decide(input({ registrations: [jewel] }, { action: "isolate_host", target: crownJewelHost }));
    expect(d).toMatchObject({ verdict: "forbid", ttlSeconds: null });
    expect(d.reasons[0]).toBe("Policy v3 forbids Isolate host on crown-jewel");
  });

  it("escalates an escalate cell with a recommendation", () => {
    const d = decide(input({}, { target: { kind: "ip", value: "10.0.0.9", role: "target" } }));
    expect(d.verdict).toBe("escalate");
    expect(d.reasons[0]).toBe("Policy v3 requires a human decision for Block IP on internal-ip");
    expect(d.recommendation).toMatch(/^Block IP 10\.0\.0\.9 \(playbook ssh-bruteforce v3/);
  });

  it("records what a shadow cell would have done", () => {
    const alice: TEntity = { kind: "account", value: "alice", role: "target" };
    const would = decide(input({}, { action: "revoke_sessions", target: alice }));
    expect(would).toMatchObject({ verdict: "shadow", wouldHaveVerdict: "execute", ttlSeconds: 3600 });
    expect(would.reasons[0]).toMatch(/^Shadow mode for Revoke sessions on human-account: would have executed — Revoke sessions alice executes autonomously/);
    const low = decide(input({}, { action: "revoke_sessions", target: alice, confidence: 0.5 }));
    expect(low).toMatchObject({ verdict: "shadow", wouldHaveVerdict: "escalate" });
    expect(low.reasons[0]).toBe("Shadow mode for Revoke sessions on human-account: would have escalated — Confidence 0.5 is below the minimum 0.85 for autonomous Revoke sessions on human-account");
  });
});

describe("decide: context", () => {
  const unavailable = { status: "unavailable" as const, summary: "context store timed out" };
  const withFailMode = (failMode: "escalate" | "suppress" | "execute", requireContext: boolean): TActivePolicy => ({
    ...POLICY,
    document: {
      ...POLICY.document,
      failMode,
      rules: POLICY.document.rules.map((r) => (r.action === "block_ip" && r.assetClass === "external-ip" ? { ...r, requireContext } : r)),
    },
  });

  it("applies the fail mode when the context source is unreachable", () => {
    expect(decide(input({ policy: withFailMode("escalate", false) }, { context: unavailable })).reasons[0]).toBe("Context check unavailable (context store timed out): policy fail mode escalates to a human");
    expect(decide(input({ policy: withFailMode("suppress", false) }, { context: unavailable }))).toMatchObject({ verdict: "suppress" });
    const requires = decide(input({ policy: withFailMode("execute", true) }, { context: unavailable }));
    expect(requires.verdict).toBe("escalate");
    expect(requires.reasons[0]).toBe('Context check unavailable (context store timed out): Block IP on external-ip requires a clear context check, so fail mode "execute" does not apply — escalated');
    const executes = decide(input({ policy: withFailMode("execute", false) }, { context: unavailable }));
    expect(executes.verdict).toBe("execute");
    expect(executes.reasons).toContain("Context check unavailable (context store timed out): policy fail mode is execute, so the remaining checks decide");
    expect(decide(input({ policy: withFailMode("execute", false) }, { context: unavailable, confidence: 0.1 })).verdict).toBe("escalate");
  });

  it("escalates on conflicting evidence, with the evidence and a recommendation", () => {
    const context = { status: "conflicting" as const, summary: "legitimate traffic from 203.0.113.7 in the last 24 h", evidence: ["HTTP 200 to shop.example at 09:12", "accepted SSH login for deploy at 09:40"] };
    const d = decide(input({}, { context }));
    expect(d.verdict).toBe("escalate");
    expect(d.reasons.slice(0, 3)).toEqual([
      "Context check found evidence against acting: legitimate traffic from 203.0.113.7 in the last 24 h",
      "Evidence: HTTP 200 to shop.example at 09:12",
      "Evidence: accepted SSH login for deploy at 09:40",
    ]);
    expect(d.recommendation).toBe("Review the evidence before containing (HTTP 200 to shop.example at 09:12; accepted SSH login for deploy at 09:40). If the activity is confirmed malicious, approve Block IP 203.0.113.7; otherwise close the alert as a false positive.");
  });
});

describe("decide: autonomy thresholds and owner requirements", () => {
  it("escalates below the confidence, above the blast radius, or when irreversible", () => {
    expect(reasons(input({}, { confidence: 0.7 }))[0]).toBe("Confidence 0.7 is below the minimum 0.8 for autonomous Block IP on external-ip");
    expect(reasons(input({}, { confidence: 0.7999 }))[0]).toMatch(/^Confidence 0\.7999 is below/);
    expect(decide(input({}, { confidence: 0.8 })).verdict).toBe("execute");
    expect(reasons(input({}, { blastRadius: { count: 6, items: ["a", "b", "c", "d", "e", "f"] } }))[0]).toBe("Blast radius 6 exceeds the maximum 5 for autonomous Block IP on external-ip (a, b, c, d, e, …)");
    expect(reasons(input({}, { reversible: false }))[0]).toBe("Block IP is not reversible here, and policy v3 does not allow irreversible autonomous Block IP on external-ip");
    expect(reasons(input({}, { confidence: 0.1, reversible: false }))).toHaveLength(3);
  });

  it("escalates when an owner says never automatic", () => {
    const d = decide(input({ registrations: [registration("r1", "ip", "203.0.113.7", "external-ip", { neverAutomatic: true })] }));
    expect(d.verdict).toBe("escalate");
    expect(d.reasons[0]).toBe("203.0.113.7 (Payments, owner Grace Hopper) is registered as never automatic: containment waits for a human");
  });

  it("escalates to the owner's approver", () => {
    const d = decide(input({ registrations: [registration("r1", "cidr", "203.0.113.0/24", "external-ip", { approvalBy: "Payments CAB", preferredAction: "step_up_auth" })] }));
    expect(d).toMatchObject({ verdict: "escalate", approver: "Payments CAB" });
    expect(d.reasons[0]).toBe("203.0.113.0/24 (Payments, owner Grace Hopper) requires approval by Payments CAB");
    expect(d.recommendation).toMatch(/The owner would rather see Step-up authentication\.$/);
  });

  it("executes only inside the owner's maintenance windows", () => {
    const windows = [{ daysOfWeek: [1], start: "02:00", end: "04:00" }];
    const regs = [registration("r1", "ip", "203.0.113.7", "external-ip", { maintenanceWindows: windows })];
    const outside = decide(input({ registrations: regs }));
    expect(outside.verdict).toBe("escalate");
    expect(outside.reasons[0]).toBe("Outside the maintenance windows (Mon 02:00–04:00 UTC) of 203.0.113.7 (Payments, owner Grace Hopper): automatic containment waits for a human");
    expect(decide(input({ registrations: regs, now: new Date("2025-06-02T03:00:00Z") })).verdict).toBe("execute");
  });
});
