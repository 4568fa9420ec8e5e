import { describe, expect, it } from "vitest";
import { describeMergedRequirements, findOverlaps } from "./registration-overlaps";
import { strictestRequirements } from "./requirements";
import type { TContainmentRequirements, TEntityKind, TRegistration } from "./types";

const NONE: TContainmentRequirements = { neverAutomatic: false, allowedActions: null, approvalBy: null, maxTtlSeconds: null, preferredAction: null, maintenanceWindows: [] };
const NOW = new Date("2026-03-01T00:00:00Z");

function reg(id: string, kind: TEntityKind, value: string, requirements: Partial<TContainmentRequirements> = {}, expiresAt: Date | null = null): TRegistration {
  return { id, selector: { kind, value }, ownerName: `Owner ${id}`, businessService: `Service ${id}`, assetClass: "server", requirements: { ...NONE, ...requirements }, expiresAt };
}

function overlapIds(all: TRegistration[]): Record<string, string[]> {
  return Object.fromEntries([...findOverlaps(all, all, NOW)].map(([id, o]) => [id, o.others.map((r) => r.id).sort()]));
}

describe("findOverlaps", () => {
  it("finds IPv4 addresses inside ranges and nested ranges, both ways", () => {
    const all = [reg("net", "cidr", "10.20.0.0/16"), reg("sub", "cidr", "10.20.5.0/24"), reg("host", "ip", "10.20.5.9"), reg("far", "cidr", "10.21.0.0/16")];
    expect(overlapIds(all)).toEqual({ net: ["host", "sub"], sub: ["host", "net"], host: ["net", "sub"] });
  });

  it("finds IPv6 overlaps and treats an IPv4-mapped address as the IPv4 one", () => {
    const all = [reg("v6net", "cidr", "2001:db8::/32"), reg("v6host", "ip", "2001:db8:0:1::7"), reg("v6other", "cidr", "2001:db9::/32"), reg("v4", "cidr", "192.0.2.0/24"), reg("mapped", "ip", "::ffff:192.0.2.1")];
    expect(overlapIds(all)).toEqual({ v6net: ["v6host"], v6host: ["v6net"], v4: ["mapped"], mapped: ["v4"] });
  });

  it("finds hosts under a wildcard and nested wildcards, never the bare domain", () => {
    const all = [reg("wild", "host", "*.pay.corp.example"), reg("deeper", "host", "*.eu.pay.corp.example"), reg("db", "host", "db1.eu.pay.corp.example"), reg("bare", "host", "pay.corp.example")];
    expect(overlapIds(all)).toEqual({ wild: ["db", "deeper"], deeper: ["db", "wild"], db: ["deeper", "wild"] });
  });

  it("matches accounts and app tags exactly, and ignores kinds that cannot overlap", () => {
    const all = [reg("a1", "account", "svc-backup"), reg("a2", "account", "svc-backup"), reg("app", "app", "svc-backup"), reg("ip", "ip", "10.0.0.1")];
    expect(overlapIds(all)).toEqual({ a1: ["a2"], a2: ["a1"] });
  });

  it("leaves expired registrations out: they no longer protect", () => {
    const all = [reg("net", "cidr", "10.0.0.0/8"), reg("old", "ip", "10.1.1.1", {}, new Date("2026-02-28T00:00:00Z"))];
    expect(overlapIds(all)).toEqual({ old: ["net"] });
  });

  it("names the other registration, its owner and the strictest requirement that applies", () => {
    const all = [
      reg("net", "cidr", "10.20.0.0/16", { approvalBy: "Dana (Payments CAB)", maxTtlSeconds: 14_400 }),
      reg("host", "ip", "10.20.1.1", { allowedActions: ["block_ip", "isolate_host"], maxTtlSeconds: 3600 }),
    ];
    const overlap = findOverlaps([all[1] as TRegistration], all, NOW).get("host");
    expect(overlap?.sentence).toBe(
      "Overlaps 10.20.0.0/16 registered by Owner net (Service net): strictest requirement applies: only Block IP, Isolate host; approval by Dana (Payments CAB); at most 1h.",
    );
    expect(overlap?.conflicts.join("\n")).toMatch(/disagree on the longest containment/);
  });
});

describe("describeMergedRequirements", () => {
  it("says when nothing beyond the policy applies, and when no action is left", () => {
    expect(describeMergedRequirements(strictestRequirements([reg("a", "ip", "10.0.0.1")]))).toBe("no restriction beyond the policy");
    const disjoint = strictestRequirements([reg("a", "ip", "10.0.0.1", { allowedActions: ["block_ip"], neverAutomatic: true }), reg("b", "ip", "10.0.0.1", { allowedActions: ["isolate_host"] })]);
    expect(describeMergedRequirements(disjoint)).toBe("never contained automatically; no action allowed");
  });
});
