import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { TEntityKind } from "@/lib/domain/types";
import { HOSTS_SEEN_LIMIT, hostsUnderWildcardSql, listHostsUnderWildcard } from "./list-hosts-under-wildcard";

// What a wildcard registration's page lists: the hosts under its domain that alerts named
// or Reflex contained in the last 30 days. Each test uses a domain of its own.

const now = new Date("2026-06-01T12:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(now.getTime() - ms);
let serial = 0;

type TEntity = { kind: TEntityKind; value: string; role: string };

function alertRow(target: [TEntityKind, string] | null, receivedAt: Date, related: TEntity[] = []) {
  const n = ++serial;
  return {
    format: "test", source: "test", externalId: `alert-${n}`, ruleId: "r", title: `alert ${n}`, severity: "high", occurredAt: receivedAt, receivedAt,
    targetKind: target?.[0] ?? null, targetValue: target?.[1] ?? null,
    entities: [...(target ? [{ kind: target[0], value: target[1], role: "target" }] : []), ...related], raw: {},
  };
}

async function alert(target: [TEntityKind, string] | null, receivedAt: Date, related: TEntity[] = []) {
  await db().alert.create({ data: alertRow(target, receivedAt, related) });
}

const host = (value: string, role = "related"): TEntity => ({ kind: "host", value, role });

async function containment(value: string, over: { status: "ACTIVE" | "RELEASED"; createdAt: Date; endedAt?: Date; expiresAt?: Date }) {
  await db().containment.create({
    data: {
      action: "isolate_host", targetKind: "host", targetValue: value, status: over.status, reason: `test ${value}`, connector: "test", confidence: 0.9, blastRadiusCount: 0,
      createdAt: over.createdAt, activatedAt: over.createdAt, endedAt: over.endedAt ?? null, expiresAt: over.expiresAt ?? new Date(over.createdAt.getTime() + 4 * HOUR),
    },
  });
}

describe("listHostsUnderWildcard", () => {
  it("lists the hosts under the domain from alert targets, related entities and containments, with last seen, alert count and whether contained now", async () => {
    await alert(["host", "api.pay.corp.example"], ago(1 * DAY), [host("db-1.pay.corp.example"), host("api.pay.corp.example")]);
    await alert(["host", "api.pay.corp.example"], ago(2 * DAY));
    await alert(["ip", "10.9.0.1"], ago(3 * DAY), [host("web.eu.pay.corp.example", "destination")]);
    await containment("vault.pay.corp.example", { status: "ACTIVE", createdAt: ago(5 * DAY), expiresAt: new Date(now.getTime() + DAY) });
    await containment("api.pay.corp.example", { status: "RELEASED", createdAt: ago(4 * DAY), endedAt: ago(4 * DAY - HOUR) });
    // Still ACTIVE in its row, but past its expiry: not contained any more.
    await containment("db-1.pay.corp.example", { status: "ACTIVE", createdAt: ago(6 * DAY), expiresAt: ago(HOUR) });
    // Not under the domain: the same last letters, the bare domain, a longer name, other kinds.
    await alert(["host", "xpay.corp.example"], ago(HOUR), [host("pay.corp.example"), host("api.pay.corp.example.evil.example")]);
    await alert(["app", "billing.pay.corp.example"], ago(HOUR), [{ kind: "account", value: "svc@x.pay.corp.example", role: "source" }]);
    await containment("xpay.corp.example", { status: "ACTIVE", createdAt: ago(HOUR), expiresAt: new Date(now.getTime() + DAY) });
    // A narrower wildcard is a pattern, not a host Reflex saw.
    await containment("*.eu.pay.corp.example", { status: "ACTIVE", createdAt: ago(HOUR), expiresAt: new Date(now.getTime() + DAY) });

    const found = await listHostsUnderWildcard(db(), { domain: "pay.corp.example", now });
    expect(found).toEqual({
      total: 4,
      hosts: [
        { host: "api.pay.corp.example", lastSeenAt: ago(1 * DAY), alertCount: 2, containedNow: false },
        { host: "db-1.pay.corp.example", lastSeenAt: ago(1 * DAY), alertCount: 1, containedNow: false },
        { host: "web.eu.pay.corp.example", lastSeenAt: ago(3 * DAY), alertCount: 1, containedNow: false },
        { host: "vault.pay.corp.example", lastSeenAt: ago(5 * DAY), alertCount: 0, containedNow: true },
      ],
    });
  });

  it("takes LIKE's wildcards in the domain literally", async () => {
    await alert(["host", "a.p_y.corp.example"], ago(HOUR));
    await alert(["host", "b.pay.corp.example"], ago(HOUR));
    await alert(["host", "c.p_y.corp-example"], ago(HOUR));
    const found = await listHostsUnderWildcard(db(), { domain: "p_y.corp.example", now });
    expect(found.hosts.map((h) => h.host)).toEqual(["a.p_y.corp.example"]);
  });

  it("keeps to the last 30 days, counting a containment in force at some point of them", async () => {
    await alert(["host", "recent.win.example"], ago(29 * DAY));
    await alert(["host", "old.win.example"], ago(31 * DAY), [host("recent.win.example")]);
    await alert(["host", "later.win.example"], new Date(now.getTime() + HOUR));
    await containment("long.win.example", { status: "ACTIVE", createdAt: ago(40 * DAY), expiresAt: new Date(now.getTime() + DAY) });
    await containment("ended-in.win.example", { status: "RELEASED", createdAt: ago(32 * DAY), endedAt: ago(29 * DAY) });
    await containment("ended-before.win.example", { status: "RELEASED", createdAt: ago(32 * DAY), endedAt: ago(31 * DAY) });
    const found = await listHostsUnderWildcard(db(), { domain: "win.example", now });
    expect(found.hosts).toEqual([
      { host: "ended-in.win.example", lastSeenAt: ago(29 * DAY), alertCount: 0, containedNow: false },
      { host: "recent.win.example", lastSeenAt: ago(29 * DAY), alertCount: 1, containedNow: false },
      { host: "long.win.example", lastSeenAt: ago(40 * DAY), alertCount: 0, containedNow: true },
    ]);
  });

  it("returns the most recently seen hosts up to the bound, and how many there were", async () => {
    const count = HOSTS_SEEN_LIMIT + 5;
    await db().alert.createMany({ data: Array.from({ length: count }, (_, i) => alertRow(["host", `h${i}.many.example`], ago((i + 1) * 60_000))) });
    const found = await listHostsUnderWildcard(db(), { domain: "many.example", now });
    expect(found.total).toBe(count);
    expect(found.hosts).toHaveLength(HOSTS_SEEN_LIMIT);
    expect(found.hosts[0]?.host).toBe("h0.many.example");
    expect(found.hosts.at(-1)?.host).toBe(`h${HOSTS_SEEN_LIMIT - 1}.many.example`);
  });

  it("says plainly when nothing was seen", async () => {
    expect(await listHostsUnderWildcard(db(), { domain: "quiet.example", now })).toEqual({ hosts: [], total: 0 });
  });

  it("reads every table through its reversed-name index when hosts elsewhere abound", async () => {
    // Busy other zones in the window make the time and kind indexes the costly way in, as in production.
    const noise = 2000;
    await db().alert.createMany({ data: Array.from({ length: noise }, (_, i) => alertRow(["host", `n${i}.noise.example`], ago(i * 60_000), [host(`r${i}.noise.example`)])) });
    await db().containment.createMany({
      data: Array.from({ length: noise }, (_, i) => ({
        action: "isolate_host", targetKind: "host" as const, targetValue: `n${i}.noise.example`, status: "RELEASED" as const, reason: "noise", connector: "test",
        confidence: 0.9, blastRadiusCount: 0, createdAt: ago(i * 60_000), endedAt: ago(i * 60_000 - 1000), expiresAt: now,
      })),
    });
    await db().$executeRawUnsafe(`ANALYZE "Alert", "AlertEntity", "Containment"`);
    const query = hostsUnderWildcardSql("pay.corp.example", now);
    const plan = await db().$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${query.text}`, ...query.values);
    const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
    for (const index of ["Alert_target_host_reversed", "AlertEntity_host_reversed", "Containment_target_host_reversed"]) expect(text).toContain(index);
    expect(text).not.toMatch(/Seq Scan/);
  });
});
