import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { parseLookupEntity, type TLookupTarget } from "@/lib/domain/lookup-query";
import { selectorMatches } from "@/lib/domain/selectors";
import type { TEntityKind } from "@/lib/domain/types";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { parseFeedQuery } from "@/lib/server/audit-feed/feed-query";
import { listAuditEvents } from "@/lib/server/audit-feed/list-audit-events";
import { activate } from "@/lib/server/enforcement/test-fixtures";
import { ExpectedError } from "@/lib/server/errors";
import { seedDemo } from "@/prisma/seed-demo";
import { sendAlert, wazuhBruteForce } from "@/tests/helpers/pipeline";
import { findMatchingContainments } from "./find-matching-containments";
import { findSignals } from "./find-signals";
import { lookupEntity } from "./lookup-entity";

beforeAll(async () => {
  await seedDemo(db());
});

const HOUR = 3_600_000;
const window = () => ({ from: new Date(Date.now() - 24 * HOUR), to: new Date(Date.now() + 60_000) });

function targets(text: string): TLookupTarget[] {
  const parsed = parseLookupEntity(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

async function containmentValues(text: string, range = window()): Promise<string[]> {
  return (await findMatchingContainments(db(), { targets: targets(text), ...range })).map((c) => c.targetValue).sort();
}

/** A containment row of any kind, as the pipeline would leave it (ended ones need no change log). */
async function containment(kind: TEntityKind, value: string, over: { status?: "ACTIVE" | "RELEASED"; createdAt?: Date; endedAt?: Date | null } = {}) {
  const createdAt = over.createdAt ?? new Date();
  return db().containment.create({
    data: {
      action: kind === "account" ? "disable_account" : kind === "host" ? "isolate_host" : "block_ip",
      targetKind: kind,
      targetValue: value,
      status: over.status ?? "RELEASED",
      reason: `test ${value}`,
      connector: "test",
      confidence: 0.9,
      blastRadiusCount: 0,
      createdAt,
      activatedAt: createdAt,
      endedAt: over.endedAt === undefined ? (over.status === "ACTIVE" ? null : new Date()) : over.endedAt,
      expiresAt: new Date(createdAt.getTime() + 4 * HOUR),
    },
  });
}

describe("bridge-call lookup", () => {
  it("answers for an IP: its containment, why, the signal, and the audit trail", async () => {
    const [outcome] = await sendAlert(wazuhBruteForce("91.240.119.7"));
    expect(outcome).toMatchObject({ verdict: "execute" });
    const { from, to } = window();
    const result = await lookupEntity(db(), { targets: targets("91.240.119.7"), from, to });
    expect(result.answer).toMatchObject({ contained: true, activeCount: 1, signalCount: 1 });
    expect(result.containments[0]).toMatchObject({ targetValue: "91.240.119.7", status: "ACTIVE", policyVersion: 1, playbookKey: "brute-force-ip" });
    expect(result.containments[0]!.reason).toMatch(/^Blocked 91\.240\.119\.7 at the perimeter/);
    expect(result.containments[0]!.decision?.reasons.length).toBeGreaterThan(0);
    expect(result.signals[0]).toMatchObject({ targetValue: "91.240.119.7", severity: "high", decisions: [expect.objectContaining({ verdict: "execute" })] });

    const trail = await listAuditEvents(db(), parseFeedQuery({ entity: "91.240.119.7" }));
    expect(trail.events.map((e) => e.type).reverse()).toEqual(["ALERT_RECEIVED", "CONTEXT_QUERIED", "ASSESSED", "DECIDED", "CONTAINMENT_EXECUTED"]);
  });

  it("matches an address to the range containing it and a range to the addresses inside it", async () => {
    await activate(db(), { value: "198.51.100.0/24" });
    await activate(db(), { value: "198.51.100.77" });
    await activate(db(), { value: "2001:db8:5::/48" });
    expect(await containmentValues("198.51.100.77")).toEqual(["198.51.100.0/24", "198.51.100.77"]);
    expect(await containmentValues("198.51.100.5")).toEqual(["198.51.100.0/24"]);
    expect(await containmentValues("198.51.0.0/16")).toEqual(["198.51.100.0/24", "198.51.100.77"]);
    expect(await containmentValues("198.52.0.1")).toEqual([]);
    expect(await containmentValues("2001:db8:5:1::9")).toEqual(["2001:db8:5::/48"]);
    expect(await containmentValues("2001:db8::/32")).toEqual(["2001:db8:5::/48"]);
  });

  it("finds IPv4 inside an IPv6 range covering the IPv4-mapped space, both ways, as the selector logic does", async () => {
    // In a window of its own, before the demo's history: a range this wide matches every address.
    const range = { from: new Date(Date.now() - 2400 * HOUR), to: new Date(Date.now() - 2390 * HOUR) };
    const at = { createdAt: new Date(Date.now() - 2396 * HOUR), endedAt: new Date(Date.now() - 2395 * HOUR) };
    await containment("cidr", "::fffe:0:0/95", at);
    await containment("ip", "192.0.2.55", at);
    await containment("ip", "2001:db8:9::1", at);
    for (const [query, expected] of [
      ["192.0.2.55", ["192.0.2.55", "::fffe:0:0/95"]],
      ["192.0.2.0/24", ["192.0.2.55", "::fffe:0:0/95"]],
      ["::/0", ["192.0.2.55", "2001:db8:9::1", "::fffe:0:0/95"]],
      ["::ffff:0:0/96", ["192.0.2.55", "::fffe:0:0/95"]],
      ["2001:db8::/32", ["2001:db8:9::1"]],
    ] as const) {
      const t = targets(query)[0]!;
      const stored = [{ kind: "cidr" as const, value: "::fffe:0:0/95" }, { kind: "ip" as const, value: "192.0.2.55" }, { kind: "ip" as const, value: "2001:db8:9::1" }];
      expect(stored.filter((c) => selectorMatches({ kind: t.kind, value: t.value }, c)).map((c) => c.value).sort(), `selector logic, ${query}`).toEqual([...expected]);
      expect(await containmentValues(query, range), query).toEqual([...expected]);
    }

    // The audit feed's entity filter goes through the same SQL.
    for (const value of ["::fffe:0:0/95", "192.0.2.55"]) {
      await db().$transaction((tx) =>
        appendAudit(tx, { type: "KILL_SWITCH_CHANGED", actor: SYSTEM_ACTOR, subject: { kind: value.includes("/") ? "cidr" : "ip", value }, data: { engaged: false, reason: value }, summary: `about ${value}`, occurredAt: at.createdAt }),
      );
    }
    const trail = async (entity: string) =>
      (await listAuditEvents(db(), parseFeedQuery({ entity, from: range.from.toISOString(), to: range.to.toISOString() }))).events.map((e) => e.subject.value).sort();
    expect(await trail("192.0.2.55")).toEqual(["192.0.2.55", "::fffe:0:0/95"]);
    expect(await trail("::/0")).toEqual(["192.0.2.55", "::fffe:0:0/95"]);
    expect(await trail("2001:db8::/32")).toEqual([]);

    // And the signals: an IPv6 range covering the IPv4 space finds an alert on an IPv4 address.
    await sendAlert(wazuhBruteForce("192.0.2.56"));
    const signalTargets = async (query: string) => (await findSignals(db(), { targets: targets(query), ...window() })).map((a) => a.targetValue);
    expect(await signalTargets("::/0")).toContain("192.0.2.56");
    expect(await signalTargets("::fffe:0:0/95")).toContain("192.0.2.56");
    expect(await signalTargets("2001:db8::/32")).not.toContain("192.0.2.56");
  });

  it("finds exactly what the selector logic finds, over many addresses and ranges", async () => {
    // A seeded xorshift: the same cases every run, in 32-bit integer arithmetic.
    let seed = 0x2f6b_5a13;
    const random = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const address = () => `203.0.${random(4)}.${random(256)}`;
    const stored = new Set<string>();
    while (stored.size < 60) stored.add(random(3) === 0 ? `203.0.${random(4)}.${random(256) & 0xf0}/${28 - random(6)}` : address());
    const rows = await Promise.all([...stored].map((value) => containment(value.includes("/") ? "cidr" : "ip", value)));
    const canonical = rows.map((r) => ({ kind: r.targetKind, value: r.targetValue }));
    for (let i = 0; i < 40; i++) {
      const query = random(2) === 0 ? address() : `203.0.${random(4)}.0/${22 + random(10)}`;
      const t = targets(query)[0]!;
      const expected = canonical.filter((c) => selectorMatches({ kind: t.kind, value: t.value }, c)).map((c) => c.value);
      expect(await containmentValues(query), query).toEqual([...new Set(expected)].sort());
    }
  });

  it("finds accounts whatever their case, hosts by name and by a wildcard target, and applications", async () => {
    await containment("account", "Alice.Admin");
    await containment("host", "web-07.shop.example");
    await containment("host", "*.batch.example");
    await containment("app", "Payments API");
    expect(await containmentValues("alice.admin")).toEqual(["Alice.Admin"]);
    expect(await containmentValues("ALICE.ADMIN")).toEqual(["Alice.Admin"]);
    expect(await containmentValues("web-07.shop.example")).toEqual(["web-07.shop.example"]);
    expect(await containmentValues("node-3.batch.example")).toEqual(["*.batch.example"]);
    expect(await containmentValues("Payments API")).toEqual(["Payments API"]);
    expect(await containmentValues("payments api")).toEqual([]);
  });

  it("looks up a wildcard host: the hosts and narrower wildcards under it, the wildcards above it", async () => {
    await containment("host", "api.pay.example");
    await containment("host", "*.eu.pay.example");
    await containment("host", "*.store.example");
    await containment("host", "pay.example");
    await containment("host", "web.paysite.example");
    await containment("host", "db_1.pay.example");
    expect(await containmentValues("*.pay.example")).toEqual(["*.eu.pay.example", "api.pay.example", "db_1.pay.example"]);
    expect(await containmentValues("*.cart.store.example")).toEqual(["*.store.example"]);
    // "_" is a literal in the lookup, not LIKE's any-character.
    expect(await containmentValues("*.p_y.example")).toEqual([]);
    for (const value of ["api.pay.example", "web.paysite.example"]) {
      await db().$transaction((tx) =>
        appendAudit(tx, { type: "KILL_SWITCH_CHANGED", actor: SYSTEM_ACTOR, subject: { kind: "host", value }, data: { engaged: false, reason: value }, summary: `about ${value}` }),
      );
    }
    const trail = await listAuditEvents(db(), parseFeedQuery({ entity: "*.pay.example" }));
    expect(trail.events.map((e) => e.subject.value)).toEqual(["api.pay.example"]);
  });

  it("finds signals that name the entity as their source or a related host, not only as their target", async () => {
    const payload = wazuhBruteForce("91.240.119.8") as { data: Record<string, unknown>; agent: Record<string, unknown> };
    await sendAlert({ ...payload, data: { ...payload.data, srcuser: "Mallory.Probe" }, agent: { ...payload.agent, name: "bastion-2.ops.example" } });
    const { from, to } = window();
    const byAccount = await lookupEntity(db(), { targets: targets("mallory.probe"), from, to });
    expect(byAccount.signals).toHaveLength(1);
    expect(byAccount.signals[0]).toMatchObject({ targetValue: "91.240.119.8", matchedAs: "source", matchedEntity: { kind: "account", value: "Mallory.Probe" } });
    const byHost = await lookupEntity(db(), { targets: targets("*.ops.example"), from, to });
    expect(byHost.signals.map((sig) => [sig.targetValue, sig.matchedAs])).toEqual([["91.240.119.8", "related"]]);
    const byTarget = await lookupEntity(db(), { targets: targets("91.240.119.8"), from, to });
    expect(byTarget.signals[0]).toMatchObject({ matchedAs: "target" });
    expect((await lookupEntity(db(), { targets: targets("mallory.probe"), from: new Date(Date.now() - 48 * HOUR), to: new Date(Date.now() - 24 * HOUR) })).signals).toEqual([]);
  });

  it("shows containments in force during the window, not those that ended before it", async () => {
    const day = 24 * HOUR;
    await containment("ip", "192.0.2.10", { createdAt: new Date(Date.now() - 3 * day), endedAt: new Date(Date.now() - 2 * day) });
    await containment("ip", "192.0.2.11", { status: "ACTIVE", createdAt: new Date(Date.now() - 3 * day), endedAt: null });
    expect(await containmentValues("192.0.2.0/24")).toEqual(["192.0.2.11"]);
    expect(await containmentValues("192.0.2.0/24", { from: new Date(Date.now() - 4 * day), to: new Date() })).toEqual(["192.0.2.10", "192.0.2.11"]);
  });

  it("refuses malformed input with the reason", () => {
    const reason = (params: Record<string, string>) => {
      try {
        parseFeedQuery(params);
      } catch (error) {
        expect(error).toBeInstanceOf(ExpectedError);
        return (error as ExpectedError).message;
      }
      throw new Error("expected a refusal");
    };
    expect(reason({ entity: "999.1.1.1" })).toMatch(/"999.1.1.1" is not an IP address/);
    expect(reason({ entity: "10.0.0.0/40" })).toMatch(/prefix length/);
    expect(reason({ entity: "10.0.0.1", from: "last tuesday" })).toMatch(/from: "last tuesday" is not a date/);
    expect(reason({ entity: "10.0.0.1", from: "2026-01-02", to: "2026-01-01" })).toMatch(/must be before/);
    expect(reason({ cursor: "abc" })).toMatch(/^cursor: /);
    expect(reason({ type: "NOPE" })).toMatch(/^type: /);
    expect(reason({ verdict: "maybe" })).toMatch(/^verdict: /);
    expect(reason({ entity: "10.0.0.1", kind: "planet" })).toMatch(/^kind: /);
  });
});
