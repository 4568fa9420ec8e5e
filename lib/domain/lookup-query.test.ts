import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lookupMatches, parseInstant, parseLookupEntity, parseTimeWindow } from "./lookup-query";
import { selectorMatches } from "./selectors";

function targets(text: string, kind?: Parameters<typeof parseLookupEntity>[1]) {
  const parsed = parseLookupEntity(text, kind);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

function error(text: string, kind?: Parameters<typeof parseLookupEntity>[1]) {
  const parsed = parseLookupEntity(text, kind);
  if (parsed.ok) throw new Error(`expected "${text}" to be refused`);
  return parsed.error;
}

describe("parseLookupEntity", () => {
  it("reads addresses and ranges canonically", () => {
    expect(targets(" 183.62.140.253 ").map((t) => [t.kind, t.value])).toEqual([["ip", "183.62.140.253"]]);
    expect(targets("10.20.3.4/16").map((t) => [t.kind, t.value])).toEqual([["cidr", "10.20.0.0/16"]]);
    expect(targets("::ffff:10.0.0.1").map((t) => [t.kind, t.value])).toEqual([["ip", "10.0.0.1"]]);
    expect(targets("2001:DB8::1").map((t) => [t.kind, t.value])).toEqual([["ip", "2001:db8::1"]]);
  });

  it("gives the reason for a malformed address instead of searching for it as a name", () => {
    expect(error("999.1.1.1")).toMatch(/"999.1.1.1" is not an IP address/);
    expect(error("10.0.0.0/33")).toMatch(/not a valid prefix length/);
    expect(error("10.1")).toMatch(/not an IP address/);
    expect(error("")).toMatch(/Enter an IP address/);
  });

  it("tries a name as a host, an account and an application", () => {
    expect(targets("web-01").map((t) => t.kind)).toEqual(["host", "account", "app"]);
    expect(targets("CORP\\alice").map((t) => [t.kind, t.value])).toEqual([["account", "corp\\alice"], ["app", "CORP\\alice"]]);
    expect(targets("Payments API").map((t) => t.kind)).toEqual(["app"]);
    expect(targets("root", "account").map((t) => [t.kind, t.value])).toEqual([["account", "root"]]);
  });

  it("reads a wildcard as a host pattern only, and refuses kinds the value is not", () => {
    expect(targets("*.Corp.Example").map((t) => [t.kind, t.value])).toEqual([["host", "*.corp.example"]]);
    expect(error("*.example")).toMatch(/too broad/);
    expect(error("web-01", "ip")).toMatch(/not an IP address/);
  });
});

describe("lookupMatches (the protected list's selector logic)", () => {
  it("matches an address to the range around it and a range to the addresses inside", () => {
    expect(lookupMatches(targets("10.20.3.4"), { kind: "cidr", value: "10.20.0.0/16" })).toBe(true);
    expect(lookupMatches(targets("10.20.0.0/16"), { kind: "ip", value: "10.20.255.1" })).toBe(true);
    expect(lookupMatches(targets("10.20.0.0/16"), { kind: "ip", value: "10.21.0.1" })).toBe(false);
    expect(lookupMatches(targets("web-01.corp.example"), { kind: "host", value: "*.corp.example" })).toBe(true);
    expect(lookupMatches(targets("ROOT"), { kind: "account", value: "root" })).toBe(true);
    expect(lookupMatches(targets("root"), { kind: "host", value: "root.example" })).toBe(false);
    expect(lookupMatches(targets("*.corp.example"), { kind: "host", value: "web-01.pay.corp.example" })).toBe(true);
    expect(lookupMatches(targets("*.corp.example"), { kind: "host", value: "*.other.example" })).toBe(false);
    expect(lookupMatches(targets("*.pay.corp.example"), { kind: "host", value: "*.corp.example" })).toBe(true);
    expect(lookupMatches(targets("*.corp.example"), { kind: "host", value: "corp.example" })).toBe(false);
  });

  it("answers exactly what selectorMatches answers for addresses and ranges", () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const address = fc.tuple(octet, octet, octet, octet).map((o) => o.join("."));
    const range = fc.tuple(address, fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`);
    const entity = fc.oneof(address.map((value) => ({ kind: "ip" as const, value })), range.map((value) => ({ kind: "cidr" as const, value })));
    fc.assert(
      fc.property(fc.oneof(address, range), entity, (query, stored) => {
        const t = targets(query);
        expect(lookupMatches(t, stored)).toBe(selectorMatches({ kind: t[0]!.kind, value: t[0]!.value }, stored));
      }),
    );
  });
});

describe("time window", () => {
  const now = new Date("2026-11-26T12:00:00Z");

  it("defaults to the last 24 hours", () => {
    expect(parseTimeWindow({}, now)).toEqual({ ok: true, value: { from: new Date("2026-11-25T12:00:00Z"), to: now } });
  });

  it("reads ISO 8601 with or without a zone (UTC), and plain dates", () => {
    expect(parseInstant("2026-05-31T14:00", "from")).toEqual({ ok: true, value: new Date("2026-05-31T14:00:00Z") });
    expect(parseInstant("2026-05-31T14:00:30+02:00", "from")).toEqual({ ok: true, value: new Date("2026-05-31T12:00:30Z") });
    expect(parseInstant("2026-05-31T14:00+0200", "from")).toEqual({ ok: true, value: new Date("2026-05-31T12:00:00Z") });
    expect(parseInstant("2026-05-31", "from")).toEqual({ ok: true, value: new Date("2026-05-31T00:00:00Z") });
    expect(parseInstant("2026-05-31 14:00:00.250Z", "from")).toEqual({ ok: true, value: new Date("2026-05-31T14:00:00.250Z") });
  });

  it("refuses what is not a date, dates that do not exist, and inverted windows", () => {
    expect(parseInstant("yesterday", "from")).toMatchObject({ ok: false, error: expect.stringMatching(/^from: "yesterday" is not a date/) });
    expect(parseInstant("2026-02-31", "to")).toMatchObject({ ok: false, error: expect.stringMatching(/not a real date/) });
    expect(parseInstant("2026-05-31T25:00", "to")).toMatchObject({ ok: false });
    expect(parseTimeWindow({ from: "2026-11-27T00:00Z" }, now)).toMatchObject({ ok: false, error: expect.stringMatching(/must be before/) });
    expect(parseTimeWindow({ from: "1999-01-01", to: "2026-01-01" }, now)).toMatchObject({ ok: false, error: expect.stringMatching(/longer than 400 days/) });
  });
});
