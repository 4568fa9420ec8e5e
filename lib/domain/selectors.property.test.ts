// Selector matching against oracles that share no code with it: IP overlap by BigInt
// interval arithmetic, wildcards by comparing label arrays.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSelector, selectorMatches } from "./selectors";
import { arbSelector } from "./decide.arbitraries";

type TRaw = { text: string; start: bigint; end: bigint; kind: "ip" | "cidr" };

const MAPPED = 0xffffn << 32n;

// Generated from integers, so the oracle knows the interval without parsing anything.
const arbRawRange: fc.Arbitrary<TRaw> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 }), fc.boolean(), fc.boolean())
    .map(([n, prefix, asCidr, asMapped]) => {
      const dotted = [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");
      const size = 1n << BigInt(32 - prefix);
      const start = MAPPED + ((BigInt(n) / size) * size);
      const address = asMapped ? `::ffff:${dotted}` : dotted;
      return asCidr || prefix < 32
        ? { text: `${address}/${asMapped ? prefix + 96 : prefix}`, start, end: start + size - 1n, kind: "cidr" as const }
        : { text: address, start, end: start, kind: "ip" as const };
    }),
  fc.tuple(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.constantFrom(0, 1, 16, 32, 64, 95, 96, 104, 127, 128))
    .map(([n, prefix]) => {
      const hex = n.toString(16).padStart(32, "0").match(/.{4}/g)?.join(":") ?? "";
      const size = 1n << BigInt(128 - prefix);
      const start = (n / size) * size;
      return prefix === 128
        ? { text: hex, start, end: start, kind: "ip" as const }
        : { text: `${hex}/${prefix}`, start, end: start + size - 1n, kind: "cidr" as const };
    }),
);

// Small ranges around 10.0.0.0 so that overlaps are common, not one in four billion.
const arbNearRange: fc.Arbitrary<TRaw> = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 24, max: 32 }))
  .map(([low, prefix]) => {
    const size = 1n << BigInt(32 - prefix);
    const start = MAPPED + 0x0a000000n + (BigInt(low) / size) * size;
    return prefix === 32
      ? { text: `10.0.0.${low}`, start, end: start, kind: "ip" as const }
      : { text: `10.0.0.${low}/${prefix}`, start, end: start + size - 1n, kind: "cidr" as const };
  });

describe("selectorMatches (properties)", { timeout: 30_000 }, () => {
  it("IP selectors match exactly when their address intervals intersect", () => {
    const arb = fc.oneof(arbRawRange, arbNearRange);
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        const expected = a.start <= b.end && b.start <= a.end;
        expect(selectorMatches({ kind: a.kind, value: a.text }, { kind: b.kind, value: b.text })).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it("wildcards match strict subdomains only, whatever the case", () => {
    const label = fc.constantFrom("a", "b", "pay");
    fc.assert(
      fc.property(fc.array(label, { minLength: 2, maxLength: 3 }), fc.array(label, { minLength: 1, maxLength: 5 }), fc.boolean(),
        (base, host, shout) => {
          const expected = host.length > base.length && host.slice(host.length - base.length).join(".") === base.join(".");
          const hostText = shout ? host.join(".").toUpperCase() : host.join(".");
          expect(selectorMatches({ kind: "host", value: `*.${base.join(".")}` }, { kind: "host", value: hostText })).toBe(expected);
        }),
      { numRuns: 2000 },
    );
  });

  it("is symmetric, and canonical forms parse to themselves and match the same things", () => {
    fc.assert(
      fc.property(arbSelector, arbSelector, (a, b) => {
        expect(selectorMatches(a, b)).toBe(selectorMatches(b, a));
        const canonical = parseSelector(a.kind, a.value);
        if (!canonical.ok) throw new Error(canonical.error);
        expect(parseSelector(a.kind, canonical.value.value)).toEqual(canonical);
        expect(selectorMatches(canonical.value, b)).toBe(selectorMatches(a, b));
      }),
      { numRuns: 3000 },
    );
  });
});
