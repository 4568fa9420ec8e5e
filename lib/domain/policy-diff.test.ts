import { describe, expect, it } from "vitest";
import { autonomyShift, changedCellKeys, diffPolicies } from "./policy-diff";
import { defaultPolicyDocument, demoPolicyDocument } from "./policy-defaults";
import { withCell } from "./policy-grid";
import { labelLookup, pluralLabel } from "./policy-wording";
import type { TPolicyCell, TPolicyDocument } from "./types";

const ESCALATE: TPolicyCell = { mode: "escalate", minConfidence: 0.9, maxBlastRadius: 1, ttlSeconds: 3600, requireContext: true, allowIrreversible: false };
const cell = (over: Partial<TPolicyCell>): TPolicyCell => ({ ...ESCALATE, ...over });
const texts = (before: TPolicyDocument, after: TPolicyDocument) => diffPolicies(before, after).map((c) => c.text);

describe("diffPolicies: plain words", () => {
  it("says nothing about identical documents", () => {
    expect(diffPolicies(demoPolicyDocument(), demoPolicyDocument())).toEqual([]);
  });

  it("names the cell, the mode change and the new threshold", () => {
    const before = defaultPolicyDocument();
    const after = withCell(before, "disable_account", "service-account", cell({ mode: "autonomous", minConfidence: 0.9 }));
    expect(texts(before, after)).toEqual(["Disable account on service accounts: escalate → autonomous at confidence ≥ 0.9"]);
  });

  it("lists parameter changes of a cell that keeps its mode", () => {
    const before = demoPolicyDocument();
    const after = withCell(before, "block_ip", "external-ip", { mode: "autonomous", minConfidence: 0.85, maxBlastRadius: 3, ttlSeconds: 8 * 3600, requireContext: false, allowIrreversible: false });
    expect(texts(before, after)).toEqual([
      "Block IP on external IPs (autonomous): minimum confidence 0.8 → 0.85, maximum blast radius 5 → 3, TTL 4h → 8h, no longer requires a clear context check",
    ]);
  });

  it("adds the other parameter changes after a mode change", () => {
    const before = demoPolicyDocument();
    const after = withCell(before, "revoke_sessions", "human-account", cell({ mode: "autonomous", minConfidence: 0.85, ttlSeconds: 7200 }));
    expect(texts(before, after)).toEqual(["Revoke sessions on human accounts: shadow → autonomous at confidence ≥ 0.85; TTL 1h → 2h"]);
  });

  it("says when a cell stops or starts being written (the default rule applies instead)", () => {
    const before = demoPolicyDocument();
    const removed = withCell(before, "isolate_host", "crown-jewel", null);
    expect(texts(before, removed)).toEqual(["Isolate host on crown jewels: forbidden → the default rule (escalate)"]);
    const custom = withCell(before, "block_ip", "payment-terminal", cell({ mode: "forbidden" }));
    const labelled = diffPolicies(before, custom, labelLookup([{ key: "payment-terminal", label: "Payment terminal" }]));
    expect(labelled.map((c) => c.text)).toEqual(["Block IP on payment terminals: the default rule (escalate) → forbidden"]);
  });

  it("covers the default rule, fail mode, SLA and rationale, after the cells", () => {
    const before = demoPolicyDocument();
    const after: TPolicyDocument = {
      ...withCell(before, "kill_process", "server", cell({ mode: "forbidden" })),
      defaultRule: cell({ mode: "shadow", minConfidence: 0.95 }),
      failMode: "suppress",
      escalationSlaMinutes: 15,
      rationale: "Tighter SLA after the March incident review.",
    };
    expect(texts(before, after)).toEqual([
      "Kill process on servers: escalate → forbidden",
      "Default rule (anything without a cell, such as unregistered assets): escalate → shadow at confidence ≥ 0.95",
      "Fail mode when context sources cannot be reached: escalate → suppress",
      "Escalation SLA: 30 min → 15 min",
      "Rationale rewritten",
    ]);
  });

  it("marks exactly the changed cells for highlighting", () => {
    const before = demoPolicyDocument();
    const after = withCell(withCell(before, "block_ip", "internal-ip", cell({ mode: "autonomous" })), "step_up_auth", "human-account", cell({ ttlSeconds: 60 }));
    expect([...changedCellKeys(diffPolicies(before, after))].sort()).toEqual(["block_ip/internal-ip", "step_up_auth/human-account"]);
  });
});

describe("autonomyShift: what signing changes", () => {
  it("lists what becomes and what stops being autonomous", () => {
    const before = demoPolicyDocument();
    let after = withCell(before, "block_ip", "external-ip", cell({ mode: "escalate" }));
    after = withCell(after, "revoke_sessions", "human-account", cell({ mode: "autonomous", minConfidence: 0.85 }));
    expect(autonomyShift(before, after)).toEqual({
      becomes: ["Revoke sessions on human accounts at confidence ≥ 0.85"],
      stops: ["Block IP on external IPs (now escalate)"],
    });
  });

  it("counts everything autonomous as new when no policy is active", () => {
    expect(autonomyShift(null, demoPolicyDocument())).toEqual({ becomes: ["Block IP on external IPs at confidence ≥ 0.8"], stops: [] });
  });

  it("sums up a default-rule change in one line", () => {
    const before = defaultPolicyDocument();
    const after = { ...before, defaultRule: cell({ mode: "autonomous", minConfidence: 0.95 }) };
    expect(autonomyShift(before, after).becomes).toEqual(["Default rule (anything without a cell, such as unregistered assets) at confidence ≥ 0.95"]);
  });
});

describe("pluralLabel", () => {
  it.each([
    ["Service account", "service accounts"],
    ["External IP", "external IPs"],
    ["Crown jewel", "crown jewels"],
    ["OT device", "OT devices"],
    ["Mailbox", "mailboxes"],
    ["Proxy", "proxies"],
  ])("%s → %s", (label, plural) => {
    expect(pluralLabel(label)).toBe(plural);
  });
});
