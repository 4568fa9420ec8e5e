import { describe, expect, it } from "vitest";
import { parseSelector } from "@/lib/domain/selectors";
import { PHASE_OCTET } from "./alert-payloads";
import { buildRegistrationSet } from "./registration-set";

const now = new Date("2026-11-26T12:00:00Z");

describe("the benchmark's protected list", () => {
  const set = buildRegistrationSet(2000, now);

  it("has the size asked for, every selector valid and canonical", () => {
    expect(set.registrations).toHaveLength(2000);
    for (const r of set.registrations) {
      const parsed = parseSelector(r.selector.kind, r.selector.value);
      expect(parsed.ok && parsed.value.value, `${r.selector.kind} ${r.selector.value}`).toBe(r.selector.value);
    }
    expect(new Set(set.registrations.map((r) => r.selector.kind))).toEqual(new Set(["ip", "cidr", "host", "account", "app"]));
  });

  it("never covers the address blocks the alert phases post from", () => {
    const octets = Object.values(PHASE_OCTET).map(String);
    for (const r of set.registrations) {
      if (r.selector.kind === "ip" || r.selector.kind === "cidr") expect(octets).not.toContain(r.selector.value.split(".")[0]);
    }
  });

  it("holds each selector once, as one owner's protected list must, at the default size", () => {
    const full = buildRegistrationSet(100_000, now);
    expect(full.registrations).toHaveLength(100_000);
    expect(new Set(full.registrations.map((r) => `${r.selector.kind} ${r.selector.value}`)).size).toBe(100_000);
  });

  it("is the same list and the same lookups on every run", () => {
    const again = buildRegistrationSet(2000, now);
    expect(again.registrations.map((r) => r.selector.value)).toEqual(set.registrations.map((r) => r.selector.value));
    expect(again.lookups(50, 3)).toEqual(set.lookups(50, 3));
  });
});
