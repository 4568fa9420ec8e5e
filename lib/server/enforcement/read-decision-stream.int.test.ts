import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { GET, HEAD } from "@/app/api/crowdsec/v1/decisions/stream/route";
import { POST as postUsageMetrics } from "@/app/api/crowdsec/v1/usage-metrics/route";
import { readEnforcementChanges } from "./read-enforcement-changes";
import { activate, awaitHorizonPastChanges, end, insertActive, makeToken } from "./test-fixtures";

// Every test works under its own playbook key and filters on it (scenarios_containing),
// so tests sharing this file's database do not see each other's containments.
function playbook() {
  return `pb-${randomBytes(4).toString("hex")}`;
}

/** A pull once every committed change is below the horizon (test-fixtures.ts says why). */
async function poll(token: string, query: string) {
  await awaitHorizonPastChanges(db());
  return GET(new Request(`http://reflex.test/api/crowdsec/v1/decisions/stream?${query}`, { headers: { "X-Api-Key": token } }));
}

async function pollJson(token: string, query: string) {
  const response = await poll(token, query);
  expect(response.status).toBe(200);
  return (await response.json()) as { new: { value: string; duration: string; id: number; scenario: string }[]; deleted: { value: string; duration: string; id: number }[] };
}

const values = (list: { value: string }[]) => list.map((d) => d.value).sort();

describe("GET /api/crowdsec/v1/decisions/stream", () => {
  it("answers startup with every active decision, in CrowdSec's shape", async () => {
    const key = playbook();
    const { token } = await makeToken(db(), "bouncer");
    const ip = await activate(db(), { value: "198.51.100.10", playbookKey: key });
    const range = await activate(db(), { value: "2001:db8:10::/48", playbookKey: key });
    const released = await activate(db(), { value: "198.51.100.11", playbookKey: key });
    await end(db(), released.id);
    await activate(db(), { value: "198.51.100.12", playbookKey: key, expiresInSecs: -60 }); // past its expiry
    await activate(db(), { value: "198.51.100.13", playbookKey: key, action: "notify" }); // not a block

    const body = await pollJson(token, `startup=true&scenarios_containing=${key}`);
    expect(body.deleted).toEqual([]);
    expect(body.new).toHaveLength(2);
    const [first, second] = body.new;
    expect(first).toEqual({
      id: ip.number,
      uuid: ip.id,
      origin: "reflex",
      type: "ban",
      scope: "Ip",
      value: "198.51.100.10",
      duration: expect.stringMatching(/^3h59m\d+s$|^4h0m0s$/),
      until: ip.expiresAt.toISOString(),
      scenario: `reflex/${key}`,
      simulated: false,
    });
    expect(second).toMatchObject({ id: range.number, scope: "Range", value: "2001:db8:10::/48" });
  });

  it("answers later pulls with the delta only: new, and deleted with a negative duration", async () => {
    const key = playbook();
    const { token } = await makeToken(db(), "bouncer");
    const a = await activate(db(), { value: "198.51.100.20", playbookKey: key });
    expect(values((await pollJson(token, `startup=true&scenarios_containing=${key}`)).new)).toEqual(["198.51.100.20"]);

    const b = await activate(db(), { value: "198.51.100.21", playbookKey: key });
    await end(db(), a.id);
    const delta = await pollJson(token, `startup=false&scenarios_containing=${key}`);
    expect(delta.new.map((d) => d.id)).toEqual([b.number]);
    expect(delta.deleted).toHaveLength(1);
    expect(delta.deleted[0]).toMatchObject({ id: a.number, value: "198.51.100.20" });
    expect(delta.deleted[0]?.duration).toMatch(/^-\d+s$/);

    expect(await pollJson(token, `startup=false&scenarios_containing=${key}`)).toEqual({ new: [], deleted: [] });

    await end(db(), b.id, "EXPIRED");
    const after = await pollJson(token, `startup=false&scenarios_containing=${key}`);
    expect(after.new).toEqual([]);
    expect(values(after.deleted)).toEqual(["198.51.100.21"]);
  });

  it("sends a containment added and removed within one delta only as deleted", async () => {
    const key = playbook();
    const { token } = await makeToken(db(), "bouncer");
    await pollJson(token, `startup=true&scenarios_containing=${key}`);
    const brief = await activate(db(), { value: "198.51.100.30", playbookKey: key });
    await end(db(), brief.id);
    const delta = await pollJson(token, `scenarios_containing=${key}`);
    expect(delta.new).toEqual([]);
    expect(values(delta.deleted)).toEqual(["198.51.100.30"]);
  });

  it("never deletes a value another active containment still blocks", async () => {
    const key = playbook();
    const { token } = await makeToken(db(), "bouncer");
    const first = await activate(db(), { value: "198.51.100.40", playbookKey: key, expiresInSecs: 600 });
    await pollJson(token, `startup=true&scenarios_containing=${key}`);
    // Released, then contained again (a new containment on the same address).
    await end(db(), first.id);
    const again = await activate(db(), { value: "198.51.100.40", playbookKey: key, expiresInSecs: 7200 });
    const delta = await pollJson(token, `scenarios_containing=${key}`);
    expect(delta.deleted).toEqual([]);
    expect(delta.new.map((d) => d.id)).toEqual([again.number]);
  });

  it("treats a key that never pulled as starting up, and tracks its cursor and pulls", async () => {
    const key = playbook();
    const bouncer = await makeToken(db(), "bouncer");
    await activate(db(), { value: "198.51.100.50", playbookKey: key });
    expect(values((await pollJson(bouncer.token, `startup=false&scenarios_containing=${key}`)).new)).toEqual(["198.51.100.50"]);
    const point = await db().enforcementPoint.findUniqueOrThrow({ where: { tokenId: bouncer.id } });
    expect(point.pulls).toBe(1);
    expect(point.cursor).not.toBeNull();
    expect(point.lastPullAt).not.toBeNull();
    await pollJson(bouncer.token, `scenarios_containing=${key}`);
    const later = await db().enforcementPoint.findUniqueOrThrow({ where: { tokenId: bouncer.id } });
    expect(later.pulls).toBe(2);
    expect(later.cursor! >= point.cursor!).toBe(true);
    expect(later.intervalSecs).not.toBeNull();
  });

  it("accepts an admin token and gives it an enforcement point", async () => {
    const admin = await makeToken(db(), "admin");
    expect(await db().enforcementPoint.findUnique({ where: { tokenId: admin.id } })).toBeNull();
    await pollJson(admin.token, "startup=true");
    expect(await db().enforcementPoint.findUnique({ where: { tokenId: admin.id } })).toMatchObject({ pulls: 1 });
  });

  it("filters by scopes, origins and scenarios", async () => {
    const key = playbook();
    const { token } = await makeToken(db(), "bouncer");
    await activate(db(), { value: "198.51.100.60", playbookKey: key });
    await activate(db(), { value: "198.51.100.64/30", playbookKey: key });
    await activate(db(), { value: "198.51.100.70", playbookKey: `${key}-noisy` });
    const startup = (query: string) => pollJson(token, `startup=true&scenarios_containing=${key}&${query}`);

    expect(values((await startup("")).new)).toEqual(["198.51.100.60", "198.51.100.64/30", "198.51.100.70"]);
    expect(values((await startup("scopes=IP")).new)).toEqual(["198.51.100.60", "198.51.100.70"]);
    expect(values((await startup("scopes=range")).new)).toEqual(["198.51.100.64/30"]);
    expect(values((await startup("scopes=country")).new)).toEqual([]);
    expect(values((await startup("origins=cscli,crowdsec")).new)).toEqual([]);
    expect(values((await startup("origins=Reflex")).new)).toHaveLength(3);
    expect(values((await startup("scenarios_not_containing=NOISY")).new)).toEqual(["198.51.100.60", "198.51.100.64/30"]);
  });

  it("serves the exact requests of Debian's crowdsec-custom-bouncer 0.0.15 (captured on the wire)", async () => {
    // e2e/crowdsec-bouncer.spec.ts runs the real binary; these are its requests as it sent
    // them: startup=true once, then `stream?` with no startup parameter at all, the config's
    // filters as comma lists with the comma percent-encoded, gzip accepted.
    const key = playbook();
    const { id, token } = await makeToken(db(), "bouncer");
    const headers = { "User-Agent": "crowdsec-custom-bouncer/-", "X-Api-Key": token, "Accept-Encoding": "gzip" };
    const filters = `origins=reflex%2Ccrowdsec&scenarios_containing=${key}%2Cno-such-scenario&scenarios_not_containing=port-scan&scopes=ip%2Crange`;
    const pull = async (query: string) => {
      await awaitHorizonPastChanges(db());
      const response = await GET(new Request(`http://reflex.test/api/crowdsec/v1/decisions/stream?${query}`, { headers }));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      return (await response.json()) as { new: Record<string, unknown>[]; deleted: Record<string, unknown>[] };
    };

    expect(await pull(`${filters}&startup=true`)).toEqual({ new: [], deleted: [] });
    const c = await activate(db(), { value: "198.51.100.90", playbookKey: key });
    const added = await pull(filters);
    expect(added.deleted).toEqual([]);
    // Go's time.ParseDuration reads the duration; the script gets its whole seconds.
    expect(added.new).toEqual([
      expect.objectContaining({ type: "ban", scope: "Ip", value: "198.51.100.90", scenario: `reflex/${key}`, duration: expect.stringMatching(/^(\d+h)?(\d+m)?\d+s$/) }),
    ]);
    expect(await pull("")).toEqual({ new: [], deleted: [] });

    await end(db(), c.id);
    const removed = await pull(filters);
    expect(removed.new).toEqual([]);
    expect(removed.deleted).toEqual([expect.objectContaining({ value: "198.51.100.90", duration: expect.stringMatching(/^-(\d+h)?(\d+m)?\d+s$/) })]);
    expect(await db().enforcementPoint.findUniqueOrThrow({ where: { tokenId: id } })).toMatchObject({ pulls: 4 });
  });

  it("holds back a change whose transaction is still open, then delivers it", async () => {
    const key = playbook();
    const bouncer = await makeToken(db(), "bouncer");
    await pollJson(bouncer.token, `startup=true&scenarios_containing=${key}`);
    // Read from inside the writing transaction (the one session PGlite allows): the
    // horizon stays at or below the open transaction's id, so its change is not read yet.
    const seen = await db().$transaction(async (tx) => {
      await insertActive(tx, { value: "198.51.100.80", playbookKey: key });
      const [own] = await tx.$queryRaw<{ txid: bigint }[]>`SELECT (pg_current_xact_id())::text::bigint AS "txid"`;
      return { own: BigInt(own!.txid), read: await readEnforcementChanges(tx, { cursor: 0n }) };
    });
    expect(seen.read.horizon <= seen.own).toBe(true);
    expect(seen.read.changes.some((c) => c.txid === seen.own)).toBe(false);
    expect(values((await pollJson(bouncer.token, `scenarios_containing=${key}`)).new)).toEqual(["198.51.100.80"]);
  });
});

describe("CrowdSec authentication", () => {
  it("refuses a missing, wrong or feed-scoped key with 403 access forbidden", async () => {
    const feed = await makeToken(db(), "feed");
    for (const headers of [{}, { "X-Api-Key": "rfx_bouncer_wrong" }, { "X-Api-Key": feed.token }] as Record<string, string>[]) {
      const response = await GET(new Request("http://reflex.test/api/crowdsec/v1/decisions/stream?startup=true", { headers }));
      expect(response.status).toBe(403);
      expect(await response.text()).toBe('{"message":"access forbidden"}');
    }
  });

  it("answers HEAD probes without moving the cursor", async () => {
    const bouncer = await makeToken(db(), "bouncer");
    const response = await HEAD(new Request("http://reflex.test/api/crowdsec/v1/decisions/stream", { method: "HEAD", headers: { "X-Api-Key": bouncer.token } }));
    expect(response.status).toBe(200);
    expect(await db().enforcementPoint.findUniqueOrThrow({ where: { tokenId: bouncer.id } })).toMatchObject({ pulls: 0, cursor: null });
  });

  it("accepts usage metrics reports from a valid key", async () => {
    const bouncer = await makeToken(db(), "bouncer");
    const request = (key: string) =>
      new Request("http://reflex.test/api/crowdsec/v1/usage-metrics", { method: "POST", headers: { "X-Api-Key": key }, body: "{}" });
    expect((await postUsageMetrics(request(bouncer.token))).status).toBe(201);
    expect((await postUsageMetrics(request("wrong"))).status).toBe(403);
  });
});
