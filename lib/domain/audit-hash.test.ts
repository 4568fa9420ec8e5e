import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeAuditHash, verifyChain, type TAuditHashInput, type TChainedEvent } from "./audit-hash";
import { canonicalJson } from "./canonical-json";

type TBody = Omit<TAuditHashInput, "prevHash" | "seq">;

function chain(bodies: TBody[], from = { seq: 0, hash: null as string | null }): TChainedEvent[] {
  const events: TChainedEvent[] = [];
  let previous = from;
  for (const body of bodies) {
    const input = { ...body, prevHash: previous.hash, seq: previous.seq + 1 };
    const event = { ...input, hash: computeAuditHash(input) };
    events.push(event);
    previous = { seq: event.seq, hash: event.hash };
  }
  return events;
}

const arbBody: fc.Arbitrary<TBody> = fc.record({
  type: fc.constantFrom("ALERT_RECEIVED", "DECISION_MADE", "CONTAINMENT_RELEASED"),
  occurredAt: fc.integer({ min: 0, max: 2 ** 40 }).map((ms) => new Date(ms)),
  actor: fc.record({ kind: fc.constantFrom("USER", "AUTOMATION"), name: fc.string() }),
  subject: fc.record({ kind: fc.constantFrom("ip", "host"), value: fc.string() }),
  data: fc.jsonValue(),
});

const body = (type: string): TBody => ({ type, occurredAt: new Date("2025-06-02T10:00:00Z"), actor: { name: "Ada" }, subject: { ip: "203.0.113.7" }, data: { n: 1 } });

describe("computeAuditHash", () => {
  it("is the SHA-256 of the canonical JSON of the hashed fields", () => {
    const input = { ...body("DECISION_MADE"), prevHash: null, seq: 1 };
    expect(computeAuditHash(input)).toMatch(/^[0-9a-f]{64}$/);
    expect(computeAuditHash({ ...input, data: { n: 1, extra: undefined } })).toBe(computeAuditHash(input));
    expect(computeAuditHash({ ...input, seq: 2 })).not.toBe(computeAuditHash(input));
  });
});

describe("verifyChain", { timeout: 30_000 }, () => {
  const events = chain([body("A"), body("B"), body("C")]);

  it("accepts an intact chain, an empty one and a stretch anchored on its predecessor", () => {
    expect(verifyChain(events)).toEqual({ ok: true, lastSeq: 3 });
    expect(verifyChain([])).toEqual({ ok: true, lastSeq: null });
    expect(verifyChain(events.slice(1), { seq: 1, hash: events[0]!.hash })).toEqual({ ok: true, lastSeq: 3 });
  });

  it("names the break: gap, prevHash or hash", () => {
    const [a, b, c] = events as [TChainedEvent, TChainedEvent, TChainedEvent];
    expect(verifyChain([a, c])).toMatchObject({ ok: false, brokenAt: 2, reason: "gap in seq: expected event 2, found 3" });
    expect(verifyChain([b, c])).toMatchObject({ ok: false, brokenAt: 1 });
    expect(verifyChain(events.slice(1))).toMatchObject({ ok: false, brokenAt: 1, reason: expect.stringMatching(/^gap in seq/) });
    expect(verifyChain([a, { ...b, prevHash: c.hash }, c])).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringMatching(/^prevHash mismatch/) });
    expect(verifyChain([a, { ...b, data: { n: 2 } }, c])).toMatchObject({
      ok: false, brokenAt: 2, reason: "hash mismatch: event 2's stored hash does not match its contents",
    });
    expect(verifyChain([a, { ...b, data: { n: Number.NaN } }, c])).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringMatching(/cannot be hashed/) });
  });

  it("detects tampering with any field of any event", () => {
    const fields = ["prevHash", "seq", "type", "occurredAt", "actor", "subject", "data", "hash"] as const;
    fc.assert(
      fc.property(
        fc.array(arbBody, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.constantFrom(...fields),
        fc.oneof(fc.jsonValue(), fc.integer({ min: -5, max: 20 }), fc.integer({ min: 0, max: 2 ** 40 }).map((ms) => new Date(ms))),
        (bodies, pick, field, replacement) => {
          const events = chain(bodies);
          const index = pick % events.length;
          const original = events[index]!;
          fc.pre(canonicalJson(original[field]) !== canonicalJson(replacement ?? null) && replacement !== undefined);
          const tampered = events.map((e, i) => (i === index ? ({ ...e, [field]: replacement } as TChainedEvent) : e));
          const verdict = verifyChain(tampered);
          expect(verdict.ok).toBe(false);
          if (!verdict.ok) expect(verdict.brokenAt).toBe(original.seq);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe("verifyChain on forged values", () => {
  it("reports, never throws, when a stored prevHash is not even a string", () => {
    // Found by the property above: an object whose toString is not callable made the report throw.
    const events = chain([{ type: "ALERT_RECEIVED", occurredAt: new Date(0), actor: { kind: "USER", name: "" }, subject: { kind: "ip", value: "" }, data: [] }]);
    const forged = [{ ...events[0]!, prevHash: { toString: 0 } as unknown as string }];
    expect(verifyChain(forged)).toMatchObject({ ok: false, brokenAt: 1 });
  });
});

describe("verifyChain on a forged seq", () => {
  it("reports, never throws, when a stored seq is not a number", () => {
    // Found by the tamper property in CI: { toString: null } as seq made the report throw.
    const events = chain([{ type: "ALERT_RECEIVED", occurredAt: new Date(0), actor: { kind: "USER", name: "" }, subject: { kind: "ip", value: "" }, data: {} }]);
    const forged = [{ ...events[0]!, seq: { toString: null } as unknown as number }];
    expect(verifyChain(forged)).toMatchObject({ ok: false, brokenAt: 1, reason: expect.stringContaining("not a number") });
  });
});
