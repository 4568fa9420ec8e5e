import { describe, expect, it } from "vitest";
import { FALSE_POSITIVE_FOLLOW_UP_DAYS, rehearse, type TJudgement, type TShadowDecision } from "./shadow-rehearsal";

const DAY = 86_400_000;
const T0 = new Date("2026-03-02T10:00:00Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY);

function shadow(id: string, days: number, over: Partial<TShadowDecision> = {}): TShadowDecision {
  return {
    id,
    at: at(days),
    action: "revoke_sessions",
    assetClass: "human-account",
    target: { kind: "account", value: `${id}@corp.example` },
    confidence: 0.9,
    wouldHave: "execute",
    ...over,
  };
}

function judged(kind: TJudgement["kind"], value: string, days: number, targetKind: TJudgement["target"]["kind"] = "account"): TJudgement {
  return { kind, target: { kind: targetKind, value }, at: at(days), by: "Sam SOC", reason: "benign" };
}

describe("rehearse", () => {
  it("counts what would have acted, and those released or rejected within the follow-up", () => {
    const decisions = [
      shadow("a", 0, { confidence: 0.95 }),
      shadow("b", 1, { confidence: 0.87 }),
      shadow("c", 2, { confidence: 0.7, wouldHave: "escalate" }),
      shadow("d", 3, { confidence: 0.9 }),
    ];
    const result = rehearse(decisions, [
      judged("released", "a@corp.example", 0.5),
      judged("rejected", "b@corp.example", 1 + FALSE_POSITIVE_FOLLOW_UP_DAYS),
      // Would not have acted: a rejection about it is no false positive of the rehearsal.
      judged("rejected", "c@corp.example", 2.1),
    ]);
    expect(result.total).toEqual({ shadowed: 4, wouldHaveActed: 3, falsePositives: 2, medianConfidence: 0.885 });
    expect(result.decisions.map((d) => [d.id, d.wouldHaveActed, d.falsePositive?.kind ?? null])).toEqual([
      ["d", true, null],
      ["c", false, null],
      ["b", true, "rejected"],
      ["a", true, "released"],
    ]);
  });

  it("ignores judgements before the decision, after the follow-up, or about another target", () => {
    const result = rehearse(
      [shadow("a", 10)],
      [
        judged("released", "a@corp.example", 9.99),
        judged("released", "a@corp.example", 10 + FALSE_POSITIVE_FOLLOW_UP_DAYS + 0.01),
        judged("released", "A@corp.example", 10.5),
        judged("released", "a@corp.example", 10.5, "host"),
      ],
    );
    expect(result.total.falsePositives).toBe(0);
  });

  it("names the earliest judgement when several apply", () => {
    const result = rehearse([shadow("a", 0)], [judged("rejected", "a@corp.example", 3), judged("released", "a@corp.example", 1)]);
    expect(result.decisions[0]!.falsePositive).toMatchObject({ kind: "released", at: at(1) });
  });

  it("splits by cell, in a stable order", () => {
    const result = rehearse(
      [
        shadow("a", 0, { assetClass: "service-account", confidence: 0.8 }),
        shadow("b", 1, { action: "block_ip", assetClass: "external-ip", target: { kind: "ip", value: "203.0.113.9" }, wouldHave: "escalate", confidence: 0.6 }),
        shadow("c", 2, { assetClass: "human-account", confidence: 0.99 }),
        shadow("d", 3, { assetClass: "service-account", confidence: 0.9, wouldHave: null }),
      ],
      [judged("released", "a@corp.example", 2)],
    );
    expect(result.cells).toEqual([
      { action: "block_ip", assetClass: "external-ip", shadowed: 1, wouldHaveActed: 0, falsePositives: 0, medianConfidence: 0.6 },
      { action: "revoke_sessions", assetClass: "human-account", shadowed: 1, wouldHaveActed: 1, falsePositives: 0, medianConfidence: 0.99 },
      { action: "revoke_sessions", assetClass: "service-account", shadowed: 2, wouldHaveActed: 1, falsePositives: 1, medianConfidence: expect.closeTo(0.85, 10) },
    ]);
  });

  it("reports an empty window as zeros and no median", () => {
    expect(rehearse([], [])).toEqual({ decisions: [], cells: [], total: { shadowed: 0, wouldHaveActed: 0, falsePositives: 0, medianConfidence: null } });
  });
});
