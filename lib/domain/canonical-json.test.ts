import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "./canonical-json";

describe("canonicalJson", { timeout: 30_000 }, () => {
  it("sorts keys recursively, drops undefined members and writes no whitespace", () => {
    const value = { b: 1, a: { d: [3, { z: true, y: null }], c: "x" }, u: undefined, at: new Date("2025-06-02T10:00:00Z") };
    expect(canonicalJson(value)).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"at":"2025-06-02T10:00:00.000Z","b":1}');
    expect(canonicalJson([1, undefined, "é\n"])).toBe('[1,null,"é\\n"]');
    expect(canonicalJson(-0)).toBe("0");
  });

  it("refuses values that would not survive a round trip unchanged", () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite number NaN at \.n/);
    expect(() => canonicalJson([Infinity])).toThrow(/non-finite/);
    expect(() => canonicalJson({ a: [{ ok: 1 }, { b: Number.NaN }] })).toThrow(/at \.a\[1\]\.b$/);
    expect(() => canonicalJson({ big: 1n })).toThrow(/unsupported bigint/);
    expect(() => canonicalJson(new Map())).toThrow(/unsupported object \(Map\)/);
    expect(() => canonicalJson(new Date("nope"))).toThrow(/invalid Date/);
    expect(() => canonicalJson(undefined)).toThrow(/the top level/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/circular/);
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  it("does not depend on key order and parses back to the same data", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        const reversed = JSON.parse(JSON.stringify(value, (_k, v) =>
          v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v));
        expect(canonicalJson(reversed)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it("encodes values nested deeper than its quick path goes the same way", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 60, max: 90 }), (value, depth) => {
        let nested: unknown = value;
        for (let i = 0; i < depth; i++) nested = i % 2 === 0 ? [nested] : { k: nested, u: undefined };
        const inner = canonicalJson(value);
        let expected = inner;
        for (let i = 0; i < depth; i++) expected = i % 2 === 0 ? `[${expected}]` : `{"k":${expected}}`;
        expect(canonicalJson(nested)).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe("sha256Hex", () => {
  it("hashes UTF-8 text", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
