import { describe, expect, it } from "vitest";
import { backtestDecision, proposalFromRecord, summarizeBacktest, type TRecordedDecision } from "./policy-backtest";
import { demoPolicyDocument } from "./policy-defaults";
import { withCell } from "./policy-grid";
import type { TActivePolicy, TRegistration } from "./types";

// A known data set: eight recorded decisions from the three built-in playbooks, replayed
// under the demo policy (v1) and a draft that makes two changes.
const DAY = 86_400_000;
const NOW = new Date("2026-03-02T10:00:00Z");

function recorded(n: number, over: Partial<TRecordedDecision>): TRecordedDecision {
  const at = new Date(NOW.getTime() - n * DAY);
  return {
    decisionId: `d${n}`,
    alertId: `a${n}`,
    alertTitle: `alert ${n}`,
    occurredAt: at,
    decidedAt: at,
    playbookKey: "brute-force-ip",
    playbookVersion: 1,
    action: "block_ip",
    target: { kind: "ip", value: "61.177.172.10" },
    confidence: 0.83,
    blastRadius: { count: 0, items: [] },
    reversible: true,
    contextStatus: "clear",
    contextSummary: "No legitimate traffic",
    recordedVerdict: "execute",
    recordedPolicyVersion: 1,
    containmentId: null,
    ...over,
  };
}

const DATA: TRecordedDecision[] = [
  recorded(1, {}), // public brute force: executes under both
  recorded(2, { target: { kind: "ip", value: "61.177.172.11" }, confidence: 0.81 }), // below the draft's 0.82: withheld
  recorded(3, { target: { kind: "ip", value: "10.30.4.7" }, confidence: 0.664, recordedVerdict: "escalate" }), // internal: escalates under both
  recorded(4, { target: { kind: "ip", value: "61.177.172.12" }, contextStatus: "conflicting", recordedVerdict: "escalate" }), // conflicting: escalates under both
  recorded(5, { playbookKey: "compromised-account", action: "revoke_sessions", target: { kind: "account", value: "j.doe@corp.example" }, confidence: 0.85, recordedVerdict: "shadow" }), // shadow → execute: added
  recorded(6, { playbookKey: "compromised-account", action: "revoke_sessions", target: { kind: "account", value: "m.ruiz@corp.example" }, confidence: 0.75, recordedVerdict: "shadow" }), // shadow → escalate (below 0.85)
  recorded(7, { playbookKey: "compromised-account", action: "revoke_sessions", target: { kind: "account", value: "svc-backup" }, confidence: 0.85, recordedVerdict: "escalate" }), // service account: escalates under both
  recorded(8, { playbookKey: "malware-host", action: "isolate_host", target: { kind: "host", value: "ws-fin-023" }, confidence: 0.9, recordedVerdict: "escalate" }), // workstation: escalates under both
];

const ACTIVE: TActivePolicy = { id: "v1", version: 1, signedBy: "Camille Ortiz", document: demoPolicyDocument() };
const demo = demoPolicyDocument();
const external = demo.rules.find((r) => r.action === "block_ip" && r.assetClass === "external-ip")!;
const draftDocument = withCell(
  withCell(demo, "revoke_sessions", "human-account", { ...external, mode: "autonomous", minConfidence: 0.85, maxBlastRadius: 1, ttlSeconds: 3600 }),
  "block_ip",
  "external-ip",
  { ...external, minConfidence: 0.82 },
);
const DRAFT: TActivePolicy = { id: "v2", version: 2, signedBy: "draft (unsigned)", document: draftDocument };

const run = (registrations: TRegistration[] = []) => summarizeBacktest(DATA.map((d) => backtestDecision(d, { baseline: ACTIVE, candidate: DRAFT }, registrations)));

describe("backtest on a known data set", () => {
  it("counts verdicts under both policies", () => {
    const summary = run();
    expect(summary.decisions).toBe(8);
    expect(summary.changed).toBe(3);
    expect(summary.verdicts).toEqual({
      execute: { baseline: 2, candidate: 2 },
      escalate: { baseline: 4, candidate: 6 },
      suppress: { baseline: 0, candidate: 0 },
      forbid: { baseline: 0, candidate: 0 },
      shadow: { baseline: 2, candidate: 0 },
    });
  });

  it("lists containments added and withheld, newest first, with the alert to link to", () => {
    const summary = run();
    expect(summary.added.map((r) => [r.alertId, r.target.value, r.baseline.verdict, r.candidate.verdict])).toEqual([["a5", "j.doe@corp.example", "shadow", "execute"]]);
    expect(summary.withheld.map((r) => [r.alertId, r.target.value, r.candidate.verdict])).toEqual([["a2", "61.177.172.11", "escalate"]]);
    expect(summary.withheld[0]!.candidate.reason).toMatch(/^Confidence 0\.81 is below the minimum 0\.82/);
  });

  it("groups per playbook and per asset class, the groups with changes first", () => {
    const summary = run();
    expect(summary.byPlaybook).toEqual([
      { key: "compromised-account", decisions: 3, changed: 2, baselineExecutes: 0, candidateExecutes: 1 },
      { key: "brute-force-ip", decisions: 4, changed: 1, baselineExecutes: 2, candidateExecutes: 1 },
      { key: "malware-host", decisions: 1, changed: 0, baselineExecutes: 0, candidateExecutes: 0 },
    ]);
    expect(summary.byAssetClass).toEqual([
      { key: "human-account", decisions: 2, changed: 2, baselineExecutes: 0, candidateExecutes: 1 },
      { key: "external-ip", decisions: 3, changed: 1, baselineExecutes: 2, candidateExecutes: 1 },
      { key: "internal-ip", decisions: 1, changed: 0, baselineExecutes: 0, candidateExecutes: 0 },
      { key: "service-account", decisions: 1, changed: 0, baselineExecutes: 0, candidateExecutes: 0 },
      { key: "workstation", decisions: 1, changed: 0, baselineExecutes: 0, candidateExecutes: 0 },
    ]);
  });

  it("applies today's protected list to both policies alike", () => {
    const neverAutomatic: TRegistration = {
      id: "r1", selector: { kind: "account", value: "j.doe@corp.example" }, ownerName: "Priya Raman", businessService: "Finance", assetClass: "human-account", expiresAt: null,
      requirements: { neverAutomatic: true, allowedActions: null, approvalBy: null, maxTtlSeconds: null, preferredAction: null, maintenanceWindows: [] },
    };
    const summary = run([neverAutomatic]);
    expect(summary.added).toEqual([]);
    expect(summary.changed).toBe(3); // a5 is now shadow → escalate: still a change, but no containment
  });

  it("compares against no policy at all when none is active", () => {
    const summary = summarizeBacktest(DATA.map((d) => backtestDecision(d, { baseline: null, candidate: DRAFT }, [])));
    expect(summary.verdicts.escalate.baseline).toBe(8);
    expect(summary.added.map((r) => r.alertId).sort()).toEqual(["a1", "a5"]);
  });

  it("rebuilds the proposal from the stored fields", () => {
    expect(proposalFromRecord(DATA[3]!)).toMatchObject({
      playbook: { key: "brute-force-ip", version: 1 },
      action: "block_ip",
      target: { kind: "ip", value: "61.177.172.12", role: "target" },
      context: { status: "conflicting", summary: "No legitimate traffic", evidence: [] },
    });
  });
});
