import { describe, expect, it } from "vitest";
import { createPrismaClient, databaseUrl, db } from "@/lib/db/client";
import { GET } from "@/app/api/v1/feeds/blocklist.txt/route";
import { etagMatches, readBlocklist } from "./read-blocklist";
import { recordPull } from "./record-pull";
import { activate, end, makeToken } from "./test-fixtures";

// This file's database holds only what these tests write, in this order.

function feed(query: string, headers: Record<string, string> = {}) {
  return GET(new Request(`http://reflex.test/api/v1/feeds/blocklist.txt${query}`, { headers }), { params: Promise.resolve({}) });
}

describe("GET /api/v1/feeds/blocklist.txt", () => {
  it("lists active blocks one a line, sorted numerically and deduplicated", async () => {
    await activate(db(), { value: "2001:db8::1" });
    await activate(db(), { value: "203.0.113.9" });
    await activate(db(), { value: "10.0.0.0/8" });
    await activate(db(), { value: "9.9.9.9" });
    await activate(db(), { value: "203.0.113.10" });
    const dupe = await activate(db(), { value: "198.51.100.1" });
    await end(db(), dupe.id);
    await activate(db(), { value: "198.51.100.1" }); // contained again: listed once
    await activate(db(), { value: "198.51.100.2", action: "isolate_host" }); // not a perimeter block
    const feedToken = await makeToken(db(), "feed");

    const response = await feed(`?token=${feedToken.token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await response.text()).toBe("9.9.9.9\n10.0.0.0/8\n198.51.100.1\n203.0.113.9\n203.0.113.10\n2001:db8::1\n");
  });

  it("leaves out released, expired and past-expiry containments", async () => {
    const released = await activate(db(), { value: "192.0.2.1" });
    const expired = await activate(db(), { value: "192.0.2.2" });
    await activate(db(), { value: "192.0.2.3", expiresInSecs: -1 });
    await end(db(), released.id, "RELEASED");
    await end(db(), expired.id, "EXPIRED");
    const list = await readBlocklist(db());
    expect(list.body).not.toMatch(/^192\.0\.2\./m);
    expect(list.count).toBe(6);
  });

  it("sends a strong ETag and answers If-None-Match with 304 and no body", async () => {
    const { token } = await makeToken(db(), "feed");
    const first = await feed("", { Authorization: `Bearer ${token}` });
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);

    const unchanged = await feed(`?token=${token}`, { "If-None-Match": etag });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe("");
    expect(unchanged.headers.get("etag")).toBe(etag);

    await activate(db(), { value: "192.0.2.50" });
    const changed = await feed(`?token=${token}`, { "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(await changed.text()).toContain("192.0.2.50\n");
  });

  it("follows adds, releases and expiries between polls, also with polls arriving together", async () => {
    const lines = async (now?: Date) => (await readBlocklist(db(), { now })).body.split("\n");
    expect(await lines()).not.toContain("192.0.2.60");
    const soon = await activate(db(), { value: "192.0.2.60", expiresInSecs: 30 });
    const later = await activate(db(), { value: "192.0.2.61" });
    const together = await Promise.all(Array.from({ length: 8 }, () => readBlocklist(db())));
    expect(new Set(together.map((l) => l.etag)).size).toBe(1);
    expect(together[0]!.body.split("\n")).toEqual(expect.arrayContaining(["192.0.2.60", "192.0.2.61"]));

    // Past its expiry a block leaves the list before the sweep records it.
    const afterExpiry = new Date(soon.expiresAt.getTime() + 1000);
    expect(await lines(afterExpiry)).not.toContain("192.0.2.60");
    expect(await lines(afterExpiry)).toContain("192.0.2.61");

    await end(db(), later.id, "RELEASED");
    expect(await lines()).not.toContain("192.0.2.61");
    await activate(db(), { value: "192.0.2.61" });
    expect(await lines()).toContain("192.0.2.61");
  });

  it("keeps an address and its one-address range apart, whichever is released first", async () => {
    const body = async () => (await readBlocklist(db())).body.split("\n");
    for (const [first, second] of [["192.0.2.80", "192.0.2.80/32"], ["192.0.2.81/32", "192.0.2.81"]] as const) {
      const a = await activate(db(), { value: first });
      const b = await activate(db(), { value: second });
      expect(await body()).toEqual(expect.arrayContaining([first, second]));
      await end(db(), a.id);
      expect(await body()).toContain(second);
      expect(await body()).not.toContain(first);
      await end(db(), b.id);
      expect(await body()).not.toContain(second);
    }
  });

  it("keeps, change by change, the list a full read gives, whatever the order of adds and releases", async () => {
    // A second client has a cache of its own: its first read is a full one.
    const fresh = () => {
      const other = createPrismaClient(databaseUrl());
      return readBlocklist(other).finally(() => other.$disconnect());
    };
    // Among them pairs that share a sort key: an address and its one-address range.
    const values = ["192.0.2.70", "192.0.2.7", "192.0.2.7/32", "192.0.2.0/28", "10.9.0.0/16", "2001:db8::70", "2001:db8::70/128", "2001:db8::/64", "8.8.4.4", "192.0.2.71"];
    const active: { id: string; value: string }[] = [];
    // A fixed pseudo-random walk (a linear congruential generator), so a failure repeats.
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let step = 0; step < 60; step++) {
      if (active.length > 0 && next(3) === 0) {
        const gone = active[next(active.length)]!;
        await end(db(), gone.id);
        active.splice(active.indexOf(gone), 1);
      } else {
        const value = values[next(values.length)]!;
        if (active.some((a) => a.value === value)) continue; // one live containment per target
        active.push({ id: (await activate(db(), { value })).id, value });
      }
      if (step % 3 === 0) expect((await readBlocklist(db())).body).toBe((await fresh()).body);
    }
    expect((await readBlocklist(db())).body).toBe((await fresh()).body);
  });

  it("compares If-None-Match the way RFC 9110 says", () => {
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(etagMatches("*", '"abc"')).toBe(true);
    expect(etagMatches('"abcd"', '"abc"')).toBe(false);
    expect(etagMatches(null, '"abc"')).toBe(false);
  });

  it("refuses a wrong token with 401 and a bouncer token with 403", async () => {
    expect((await feed("?token=rfx_feed_wrong")).status).toBe(401);
    const bouncer = await makeToken(db(), "bouncer");
    expect((await feed(`?token=${bouncer.token}`)).status).toBe(403);
    const admin = await makeToken(db(), "admin");
    expect((await feed(`?token=${admin.token}`)).status).toBe(200);
  });

  it("records each pull on the token's enforcement point", async () => {
    const feedToken = await makeToken(db(), "feed");
    await feed(`?token=${feedToken.token}`);
    await feed(`?token=${feedToken.token}`, { "If-None-Match": "*" });
    const point = await db().enforcementPoint.findUniqueOrThrow({ where: { tokenId: feedToken.id } });
    expect(point.pulls).toBe(2);
    expect(point.lastPullAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(point.cursor).toBeNull();
  });

  it("keeps a moving estimate of the pull interval", async () => {
    const { id } = await makeToken(db(), "feed");
    const at = (secs: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, secs));
    await recordPull(db(), { tokenId: id, now: at(0) });
    await recordPull(db(), { tokenId: id, now: at(60) });
    let point = await db().enforcementPoint.findUniqueOrThrow({ where: { tokenId: id } });
    expect(point.lastPullAt).toEqual(at(60));
    expect(point.intervalSecs).toBeCloseTo(60);
    await recordPull(db(), { tokenId: id, now: at(100) });
    point = await db().enforcementPoint.findUniqueOrThrow({ where: { tokenId: id } });
    expect(point.intervalSecs).toBeCloseTo(60 * 0.7 + 40 * 0.3);
    // Live lookups ask for at most one write a minute.
    await recordPull(db(), { tokenId: id, now: at(130), minGapSecs: 60 });
    point = await db().enforcementPoint.findUniqueOrThrow({ where: { tokenId: id } });
    expect(point.pulls).toBe(3);
    expect(point.lastPullAt).toEqual(at(100));
  });
});
