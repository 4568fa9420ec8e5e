import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/server/errors";
import { defaultPolicyDocument, demoPolicyDocument } from "./policy-defaults";
import { withCell } from "./policy-grid";
import { ZEditablePolicyDocument, ZPolicyDocument } from "./policy-schema";
import { policySigningProblems } from "./policy-signing-checks";
import { DEFAULT_ASSET_CLASS_KEYS } from "./asset-class";
import type { TPolicyCell, TPolicyDocument } from "./types";

const BASE: TPolicyCell = { mode: "escalate", minConfidence: 0.9, maxBlastRadius: 1, ttlSeconds: 3600, requireContext: true, allowIrreversible: false };
const indexOf = (doc: TPolicyDocument, action: string, assetClass: string) => doc.rules.findIndex((r) => r.action === action && r.assetClass === assetClass);

function errorsOf(doc: unknown): Record<string, string[]> {
  const parsed = ZEditablePolicyDocument.safeParse(doc);
  return parsed.success ? {} : fieldErrorsOf(parsed.error);
}

describe("policy validation: the message lands on the wrong cell", () => {
  it("accepts the starting and the demo policy", () => {
    expect(errorsOf(defaultPolicyDocument())).toEqual({});
    expect(errorsOf(demoPolicyDocument())).toEqual({});
  });

  it("refuses a TTL of zero on that cell's TTL field", () => {
    const doc = withCell(demoPolicyDocument(), "isolate_host", "server", { ...BASE, ttlSeconds: 0 });
    const i = indexOf(doc, "isolate_host", "server");
    expect(errorsOf(doc)).toEqual({ [`rules.${i}.ttlSeconds`]: ["A containment needs a TTL above zero: it must expire by itself."] });
  });

  it("refuses an autonomous irreversible action without the acknowledgement, and accepts it with one", () => {
    const doc = withCell(demoPolicyDocument(), "kill_process", "workstation", { ...BASE, mode: "autonomous" });
    const i = indexOf(doc, "kill_process", "workstation");
    expect(errorsOf(doc)[`rules.${i}.allowIrreversible`]?.[0]).toMatch(/^Kill process on workstation: Kill process cannot be undone\. Tick "Allow irreversible"/);
    expect(errorsOf(withCell(doc, "kill_process", "workstation", { ...BASE, mode: "autonomous", allowIrreversible: true }))).toEqual({});
    // Escalating or shadowing an irreversible action needs no acknowledgement: nothing runs on its own.
    expect(errorsOf(withCell(doc, "kill_process", "workstation", { ...BASE, mode: "shadow" }))).toEqual({});
  });

  it("names out-of-range thresholds, TTLs past 90 days and duplicate cells", () => {
    const doc = demoPolicyDocument();
    doc.rules[0] = { ...doc.rules[0]!, minConfidence: 1.5 };
    doc.rules[1] = { ...doc.rules[1]!, maxBlastRadius: 2.5 };
    doc.rules[2] = { ...doc.rules[2]!, ttlSeconds: 91 * 86_400 };
    doc.rules.push({ ...doc.rules[3]! });
    expect(errorsOf(doc)).toMatchObject({
      "rules.0.minConfidence": ["Minimum confidence is between 0 and 1."],
      "rules.1.maxBlastRadius": ["Blast radius is a whole number of assets."],
      "rules.2.ttlSeconds": [expect.stringContaining("at most 90 days")],
      
    });
  });

  it("checks the default rule and the SLA too", () => {
    const doc = { ...demoPolicyDocument(), defaultRule: { ...BASE, ttlSeconds: -5 }, escalationSlaMinutes: 0 };
    expect(Object.keys(errorsOf(doc)).sort()).toEqual(["defaultRule.ttlSeconds", "escalationSlaMinutes"]);
  });

  it("keeps reading stored documents the editor would now refuse (a signed policy never stops parsing)", () => {
    const doc = withCell(demoPolicyDocument(), "kill_process", "server", { ...BASE, mode: "autonomous", ttlSeconds: 200 * 86_400 });
    expect(ZPolicyDocument.safeParse(doc).success).toBe(true);
    expect(ZEditablePolicyDocument.safeParse(doc).success).toBe(false);
  });
});

describe("policySigningProblems: empty or contradictory policies cannot be signed", () => {
  const classes = { assetClasses: DEFAULT_ASSET_CLASS_KEYS };

  it("has nothing to say about the demo policy", () => {
    expect(policySigningProblems(demoPolicyDocument(), classes)).toEqual([]);
  });

  it("refuses an empty policy", () => {
    const problems = policySigningProblems({ ...demoPolicyDocument(), rules: [] }, classes);
    expect(problems).toEqual([{ path: "rules", message: expect.stringContaining("An empty policy cannot be signed") }]);
  });

  it("refuses a cell that says autonomous but can never act", () => {
    const doc = withCell(demoPolicyDocument(), "block_ip", "internal-ip", { ...BASE, mode: "autonomous", minConfidence: 1 });
    const i = indexOf(doc, "block_ip", "internal-ip");
    expect(policySigningProblems(doc, classes)).toEqual([
      { path: `rules.${i}.minConfidence`, message: expect.stringMatching(/^Block IP on internal IPs is autonomous at a minimum confidence of 1, which no playbook reaches/) },
    ]);
  });

  it("refuses cells for asset classes that do not exist, duplicates and a missing rationale", () => {
    const doc = withCell(demoPolicyDocument(), "block_ip", "crown-jewels", { ...BASE });
    doc.rules.push({ ...doc.rules[0]! });
    doc.rationale = "ok";
    const paths = policySigningProblems(doc, classes).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining([`rules.${doc.rules.length - 1}`, `rules.${indexOf(doc, "block_ip", "crown-jewels")}.assetClass`, "rationale"]));
  });
});
