import { beforeAll, describe, expect, it } from "vitest";
import { db, type TDb } from "@/lib/db/client";
import type { TEntityKind } from "@/lib/domain/types";
import { findMatchingRegistrationsFor } from "./find-matching-registrations";

// Many targets in one statement: each target gets what it would get alone, in the
// targets' order. Registrations are named by their businessService.

let ownerId: string;
const now = new Date("2026-06-01T00:00:00Z");
const before = new Date(now.getTime() - 1000);

async function register(label: string, kind: TEntityKind, value: string, over: { deletedAt?: Date; expiresAt?: Date } = {}) {
  return db().protectedAsset.create({
    data: {
      selectorKind: kind, selectorValue: value, ownerId, businessService: label, assetClass: "internal-server", criticality: "HIGH",
      justification: "test", onCallContact: "oncall@example.com", requirements: {}, certifiedAt: now, ...over,
    },
  });
}

async function labels(targets: [TEntityKind, string][], client: TDb = db()): Promise<string[][]> {
  const found = await findMatchingRegistrationsFor(client, targets.map(([kind, value]) => ({ kind, value })), now);
  return found.map((regs) => regs.map((r) => r.businessService).sort());
}

beforeAll(async () => {
  ownerId = (await db().user.create({ data: { email: "owner-many@example.com", name: "Owner Many", role: "OWNER" } })).id;
  await register("v4-address", "ip", "10.1.2.3");
  await register("v4-net", "cidr", "10.1.0.0/16");
  await register("v4-wide", "cidr", "10.0.0.0/8");
  await register("v6-address", "ip", "2001:db8::7");
  await register("v6-net", "cidr", "2001:db8::/48");
  await register("db-host", "host", "db-01.pay.corp.example");
  await register("pay-wildcard", "host", "*.pay.corp.example");
  await register("corp-wildcard", "host", "*.corp.example");
  await register("api-host", "host", "API.Corp.Example");
  await register("settlement", "account", "Svc-Settlement");
  await register("alice", "account", "CORP\\Alice");
  await register("payments", "app", "Payments API");
  await register("deleted-account", "account", "gone", { deletedAt: before });
  await register("deleted-address", "ip", "10.9.9.9", { deletedAt: before });
  await register("lapsed-host", "host", "old.corp.example", { expiresAt: before });
  await register("lapsed-net", "cidr", "192.0.2.0/24", { expiresAt: before });
});

describe("findMatchingRegistrationsFor", () => {
  it("answers every target of a mixed batch, in order, as it would alone", async () => {
    const cases: [[TEntityKind, string], string[]][] = [
      [["ip", "10.1.2.3"], ["v4-address", "v4-net", "v4-wide"]],
      [["ip", "10.1.200.1"], ["v4-net", "v4-wide"]],
      [["cidr", "10.1.2.0/24"], ["v4-address", "v4-net", "v4-wide"]],
      [["cidr", "10.0.0.0/7"], ["v4-address", "v4-net", "v4-wide"]],
      [["ip", "2001:db8::7"], ["v6-address", "v6-net"]],
      [["cidr", "2001:db8::/32"], ["v6-address", "v6-net"]],
      [["ip", "10.9.9.9"], ["v4-wide"]],
      [["ip", "192.0.2.5"], []],
      [["host", "db-01.pay.corp.example"], ["corp-wildcard", "db-host", "pay-wildcard"]],
      [["host", "DB-01.Pay.Corp.Example"], ["corp-wildcard", "db-host", "pay-wildcard"]],
      [["host", "api.corp.example"], ["api-host", "corp-wildcard"]],
      [["host", "old.corp.example"], ["corp-wildcard"]],
      [["host", "corp.example"], []],
      [["account", "svc-settlement"], ["settlement"]],
      [["account", "corp\\alice"], ["alice"]],
      [["account", "gone"], []],
      // Over-matches on purpose: app tags compare without case here and exactly in the decision.
      [["app", "payments api"], ["payments"]],
      [["app", "Payments API"], ["payments"]],
      [["ip", "10.1.2.3"], ["v4-address", "v4-net", "v4-wide"]],
      [["ip", "198.51.100.1"], []],
    ];
    expect(await labels(cases.map(([target]) => target))).toEqual(cases.map(([, expected]) => expected));
    for (const [target, expected] of cases) expect(await labels([target])).toEqual([expected]);
  });

  it("sends one statement for any number of targets, and none for no targets", async () => {
    let statements = 0;
    const counting = { $queryRawUnsafe: (...args: Parameters<TDb["$queryRawUnsafe"]>) => (statements++, db().$queryRawUnsafe(...args)) } as unknown as TDb;
    const targets: [TEntityKind, string][] = Array.from({ length: 300 }, (_, i) => {
      const kinds: [TEntityKind, string][] = [["ip", `10.1.${i % 256}.9`], ["host", `h${i}.pay.corp.example`], ["account", `svc-${i}`], ["app", `App ${i}`], ["cidr", `10.${i % 256}.0.0/16`]];
      return kinds[i % kinds.length]!;
    });
    const found = await labels(targets, counting);
    expect(statements).toBe(1);
    expect(found).toHaveLength(300);
    expect(found[1]).toEqual(["corp-wildcard", "pay-wildcard"]);
    expect(await findMatchingRegistrationsFor(counting, [], now)).toEqual([]);
    expect(statements).toBe(1);
  });

  it("finds IPv6 ranges over the IPv4-mapped space for IPv4 targets, and IPv4 registrations for such ranges", async () => {
    const everyV6 = await register("every-v6", "cidr", "::/0");
    try {
      expect(await labels([["ip", "192.0.2.77"], ["ip", "::ffff:10.1.2.3"], ["cidr", "::/0"], ["cidr", "::ffff:10.1.0.0/112"]])).toEqual([
        ["every-v6"],
        ["every-v6", "v4-address", "v4-net", "v4-wide"],
        ["every-v6", "v4-address", "v4-net", "v4-wide", "v6-address", "v6-net"],
        ["every-v6", "v4-address", "v4-net", "v4-wide"],
      ]);
    } finally {
      await db().protectedAsset.update({ where: { id: everyV6.id }, data: { deletedAt: now } });
    }
  });

  it("rejects a batch holding an address PostgreSQL cannot read, as a single lookup of it always did", async () => {
    await expect(findMatchingRegistrationsFor(db(), [{ kind: "ip", value: "10.1.2.3" }, { kind: "ip", value: "not an address" }], now)).rejects.toThrow(/inet/);
  });
});
