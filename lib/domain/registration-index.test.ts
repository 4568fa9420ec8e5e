import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TEntity, TRegistration, TSelector } from "./types";
import { buildRegistrationIndex, isRegistrationActive } from "./registration-index";
import { selectorMatches } from "./selectors";
import { arbNearDate, arbNow, arbRegistrations, arbSelector, arbTarget } from "./decide.arbitraries";

const naive = (regs: TRegistration[], entity: { kind: TEntity["kind"]; value: string }, now: Date) =>
  regs.filter((r) => isRegistrationActive(r, now) && selectorMatches(r.selector, entity));

function reg(id: string, selector: TSelector, expiresAt: Date | null = null): TRegistration {
  return {
    id,
    selector,
    ownerName: "Ada Lovelace",
    businessService: "Payments",
    assetClass: "server",
    requirements: { neverAutomatic: false, allowedActions: null, approvalBy: null, maxTtlSeconds: null, preferredAction: null, maintenanceWindows: [] },
    expiresAt,
  };
}

const NOW = new Date("2025-06-02T12:00:00Z");

describe("buildRegistrationIndex", { timeout: 30_000 }, () => {
  it("finds exact, range, wildcard, account and app registrations, in input order", () => {
    const regs = [
      reg("subnet", { kind: "cidr", value: "10.0.0.0/8" }),
      reg("address", { kind: "ip", value: "10.1.2.3" }),
      reg("other", { kind: "ip", value: "10.1.2.4" }),
      reg("v6", { kind: "cidr", value: "2001:db8::/32" }),
      reg("wild", { kind: "host", value: "*.pay.corp.example" }),
      reg("host", { kind: "host", value: "web-01.pay.corp.example" }),
      reg("acct", { kind: "account", value: "CORP\\Alice" }),
      reg("app", { kind: "app", value: "payments-api" }),
      reg("broken", { kind: "ip", value: "10.1" }),
    ];
    const index = buildRegistrationIndex(regs);
    const ids = (kind: TEntity["kind"], value: string) => index.match({ kind, value }, NOW).map((r) => r.id);
    expect(ids("ip", "10.1.2.3")).toEqual(["subnet", "address"]);
    expect(ids("ip", "::ffff:10.1.2.3")).toEqual(["subnet", "address"]);
    expect(ids("cidr", "10.1.2.0/24")).toEqual(["subnet", "address", "other"]);
    expect(ids("ip", "2001:db8::9")).toEqual(["v6"]);
    expect(ids("host", "WEB-01.pay.corp.example")).toEqual(["wild", "host"]);
    expect(ids("host", "pay.corp.example")).toEqual([]);
    expect(ids("host", "*.corp.example")).toEqual(["wild", "host"]);
    expect(ids("account", "corp\\alice")).toEqual(["acct"]);
    expect(ids("app", "payments-api")).toEqual(["app"]);
    expect(ids("ip", "not an ip")).toEqual([]);
  });

  it("skips registrations whose expiry is at or before now", () => {
    const regs = [
      reg("lapsed", { kind: "ip", value: "10.0.0.1" }, NOW),
      reg("live", { kind: "ip", value: "10.0.0.1" }, new Date(NOW.getTime() + 1)),
    ];
    expect(buildRegistrationIndex(regs).match({ kind: "ip", value: "10.0.0.1" }, NOW).map((r) => r.id)).toEqual(["live"]);
  });

  it("agrees exactly with a plain filter over selectorMatches", () => {
    const arbEntity = fc.oneof(arbTarget, arbSelector);
    fc.assert(
      fc.property(arbRegistrations(40), fc.array(arbEntity, { minLength: 1, maxLength: 8 }), fc.oneof(arbNow, arbNearDate),
        (regs, entities, now) => {
          const index = buildRegistrationIndex(regs);
          for (const entity of entities) expect(index.match(entity, now)).toEqual(naive(regs, entity, now));
        }),
      { numRuns: 2000 },
    );
  });

  // Speed is measured by `npx reflex bench`, not asserted here: this checks correctness at that scale.
  it("answers correctly with 100,000 registrations", () => {
    const regs: TRegistration[] = [];
    for (let i = 0; i < 100_000; i++) {
      const [a, b, c] = [(i >> 16) & 255, (i >> 8) & 255, i & 255];
      const selector: TSelector =
        i % 5 === 0 ? { kind: "cidr", value: `10.${a}.${b}.0/${24 + (i % 9)}` }
        : i % 5 === 1 ? { kind: "ip", value: `172.16.${b}.${c}` }
        : i % 5 === 2 ? { kind: "host", value: i % 10 === 2 ? `*.svc${i}.corp.example` : `host${i}.corp.example` }
        : i % 5 === 3 ? { kind: "account", value: `user${i}` }
        : { kind: "cidr", value: `2001:db8:${(i % 65536).toString(16)}::/${48 + (i % 17)}` };
      regs.push(reg(`r${i}`, selector));
    }
    const index = buildRegistrationIndex(regs);
    const probes = Array.from({ length: 2000 }, (_, i): { kind: TEntity["kind"]; value: string } =>
      i % 3 === 0 ? { kind: "ip", value: `10.${i & 1}.${(i >> 1) & 255}.7` }
      : i % 3 === 1 ? { kind: "ip", value: `172.16.${i & 255}.${(i * 7) & 255}` }
      : { kind: "host", value: `a.svc${i * 5 + 2}.corp.example` });
    const hits = probes.reduce((sum, probe) => sum + index.match(probe, NOW).length, 0);
    expect(hits).toBeGreaterThan(1000);
    // One full scan as a spot check; the property above proves agreement in general.
    expect(index.match(probes[0]!, NOW)).toEqual(naive(regs, probes[0]!, NOW));
  });
});
