import { describe, expect, it } from "vitest";
import { ACTION_TYPES } from "./types";
import { DEFAULT_ASSET_CLASS_KEYS } from "./asset-class";
import { defaultPolicyDocument, demoPolicyDocument } from "./policy-defaults";

const cellOf = (doc: ReturnType<typeof demoPolicyDocument>, action: string, assetClass: string) =>
  doc.rules.filter((r) => r.action === action && r.assetClass === assetClass);

describe.each([
  ["defaultPolicyDocument", defaultPolicyDocument],
  ["demoPolicyDocument", demoPolicyDocument],
])("%s", (_name, make) => {
  it("has exactly one cell per action and default asset class, escalates by default, SLA 30 min", () => {
    const doc = make();
    expect(doc.rules).toHaveLength(ACTION_TYPES.length * DEFAULT_ASSET_CLASS_KEYS.length);
    for (const action of ACTION_TYPES) {
      for (const assetClass of DEFAULT_ASSET_CLASS_KEYS) expect(cellOf(doc, action, assetClass)).toHaveLength(1);
    }
    expect(doc).toMatchObject({ failMode: "escalate", escalationSlaMinutes: 30, defaultRule: { mode: "escalate" } });
    expect(doc.rules.every((r) => !r.allowIrreversible && r.ttlSeconds > 0)).toBe(true);
  });

  it("returns a fresh document each call", () => {
    const a = make();
    a.rules[0]!.mode = "forbidden";
    expect(make().rules[0]!.mode).not.toBe("forbidden");
  });
});

describe("policy contents", () => {
  it("starts with nothing autonomous", () => {
    expect(defaultPolicyDocument().rules.every((r) => r.mode === "escalate")).toBe(true);
  });

  it("demo: blocks external IPs autonomously, never isolates crown jewels, escalates most else", () => {
    const doc = demoPolicyDocument();
    expect(cellOf(doc, "block_ip", "external-ip")[0]).toEqual({
      action: "block_ip", assetClass: "external-ip", mode: "autonomous", minConfidence: 0.8, maxBlastRadius: 5,
      ttlSeconds: 14_400, requireContext: true, allowIrreversible: false,
    });
    expect(cellOf(doc, "isolate_host", "crown-jewel")[0]?.mode).toBe("forbidden");
    const escalating = doc.rules.filter((r) => r.mode === "escalate").length;
    expect(escalating).toBeGreaterThan(doc.rules.length * 0.9);
  });
});
