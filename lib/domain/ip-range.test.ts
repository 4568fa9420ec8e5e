// Prefix comparison against an oracle that shares no code with it: each range as an
// interval of 128-bit integers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskBytes, parseCidr, rangeContains, rangesOverlap, type TIpRange } from "./ip-range";

function interval(range: TIpRange): { start: bigint; end: bigint } {
  const start = range.bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
  return { start, end: start + (1n << BigInt(128 - range.prefix)) - 1n };
}

// Ranges near each other, so that overlap and containment both come up often: a shared
// random base with a few of its bits flipped, under random prefixes.
const arbPair = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 16, maxLength: 16 }),
    fc.array(fc.integer({ min: 0, max: 127 }), { maxLength: 2 }),
    fc.integer({ min: 0, max: 128 }),
    fc.integer({ min: 0, max: 128 }),
  )
  .map(([base, flips, pa, pb]): [TIpRange, TIpRange] => {
    const other = [...base];
    for (const bit of flips) other[bit >> 3] = other[bit >> 3]! ^ (0x80 >> (bit & 7));
    return [
      { bytes: maskBytes(base, pa), prefix: pa },
      { bytes: maskBytes(other, pb), prefix: pb },
    ];
  });

describe("IP range comparison", () => {
  it("finds overlap and containment exactly where the integer intervals do", () => {
    fc.assert(
      fc.property(arbPair, ([a, b]) => {
        const x = interval(a);
        const y = interval(b);
        expect(rangesOverlap(a, b)).toBe(x.start <= y.end && y.start <= x.end);
        expect(rangeContains(a, b)).toBe(x.start <= y.start && y.end <= x.end);
      }),
      { numRuns: 2000 },
    );
  });

  it("compares IPv4 with IPv4-mapped IPv6 in one space", () => {
    const range = (text: string) => {
      const parsed = parseCidr(text);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.value;
    };
    expect(rangeContains(range("10.0.0.0/8"), range("::ffff:10.9.8.7/128"))).toBe(true);
    expect(rangeContains(range("10.0.0.0/8"), range("11.0.0.0/32"))).toBe(false);
    expect(rangesOverlap(range("192.168.0.0/23"), range("192.168.1.0/24"))).toBe(true);
    expect(rangesOverlap(range("192.168.0.0/24"), range("192.168.1.0/24"))).toBe(false);
    expect(rangeContains(range("::/0"), range("203.0.113.0/24"))).toBe(true);
  });
});
