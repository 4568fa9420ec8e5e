import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { databaseUrl, db } from "@/lib/db/client";
import { parseDecisionFilter } from "./decision-filter";
import { readDecisionStream } from "./read-decision-stream";
import { readEnforcementChanges, readHorizon } from "./read-enforcement-changes";
import { activate, awaitHorizonPastChanges, insertActive, makeToken } from "./test-fixtures";

// Transactions that commit out of order: the case a time- or sequence-based cursor loses
// (docs/ENFORCEMENT.md). It needs two sessions at once, so it runs on PostgreSQL only:
// PGlite serves one session at a time.
const onPglite = inject("templateDatabase").kind === "pglite";

/** A transaction that writes an ADDED change now and commits when told to. */
function openTransaction(value: string, key: string) {
  let commit!: () => void;
  const release = new Promise<void>((resolve) => (commit = resolve));
  let written!: () => void;
  const ready = new Promise<void>((resolve) => (written = resolve));
  const done = db().$transaction(
    async (tx) => {
      await insertActive(tx, { value, playbookKey: key });
      written();
      await release;
    },
    { timeout: 30_000 },
  );
  return { ready, commit: async () => (commit(), await done) };
}

async function pull(tokenId: string, key: string, startup = false) {
  const filter = parseDecisionFilter(new URLSearchParams(`scenarios_containing=${key}`));
  return readDecisionStream(db(), { tokenId, startup, filter });
}

describe.skipIf(onPglite)("decision stream under concurrent commits (PostgreSQL)", () => {
  it("delivers a change that committed after a later one, instead of skipping it", async () => {
    const key = `ooo-${randomBytes(4).toString("hex")}`;
    const bouncer = await makeToken(db(), "bouncer");
    await pull(bouncer.id, key, true);

    const a = openTransaction("203.0.113.1", key); // takes the smaller txid, commits last
    await a.ready;
    await db().$transaction((tx) => insertActive(tx, { value: "203.0.113.2", playbookKey: key }));

    const first = await pull(bouncer.id, key);
    expect(first.new.map((d) => d.value)).not.toContain("203.0.113.1");

    await a.commit();
    await awaitHorizonPastChanges(db()); // other databases on the server may hold the horizon too
    const second = await pull(bouncer.id, key);
    expect(second.new.map((d) => d.value)).toContain("203.0.113.1");
    const delivered = [...first.new, ...second.new].map((d) => d.value);
    expect(new Set(delivered)).toEqual(new Set(["203.0.113.1", "203.0.113.2"]));
  });

  it("loses nothing while many writers commit in random order between pulls", async () => {
    const key = `load-${randomBytes(4).toString("hex")}`;
    const bouncer = await makeToken(db(), "bouncer");
    await pull(bouncer.id, key, true);
    const expected = Array.from({ length: 30 }, (_, i) => `203.0.113.${100 + i}`);
    const delivered = new Set<string>();
    let writing = true;
    const poller = (async () => {
      while (writing) {
        for (const d of (await pull(bouncer.id, key)).new) delivered.add(d.value);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await Promise.all(
      expected.map((value, i) =>
        db().$transaction(
          async (tx) => {
            await new Promise((r) => setTimeout(r, (i * 7) % 23));
            await insertActive(tx, { value, playbookKey: key });
            // Hold the transaction open for a while after its txid is taken.
            await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 60)));
          },
          { timeout: 30_000 },
        ),
      ),
    );
    writing = false;
    await poller;
    await awaitHorizonPastChanges(db());
    for (const d of (await pull(bouncer.id, key)).new) delivered.add(d.value);
    expect([...delivered].sort()).toEqual([...expected].sort());
  });
});

describe.skipIf(onPglite)("the horizon and other databases on the server (PostgreSQL)", () => {
  it("is not held back by a transaction left open in another database", async () => {
    // Transaction ids are server-wide: a write transaction open elsewhere is older than the
    // change below, and used to keep every pull here from reading it until it ended.
    const elsewhere = new pg.Client({ connectionString: otherDatabaseUrl() });
    await elsewhere.connect();
    try {
      await elsewhere.query("BEGIN");
      await elsewhere.query("SELECT pg_current_xact_id()");
      const cursor = await readHorizon(db());
      const contained = await activate(db(), { value: "203.0.113.250", playbookKey: `other-db-${randomBytes(4).toString("hex")}` });
      const { changes } = await readEnforcementChanges(db(), { cursor });
      expect(changes.map((c) => c.containmentId)).toContain(contained.id);
    } finally {
      await elsewhere.query("ROLLBACK").catch(() => {});
      await elsewhere.end();
    }
  });

  it("is still held back by a transaction open in this database, whose change comes in a later read", async () => {
    const value = "203.0.113.251";
    const key = `this-db-${randomBytes(4).toString("hex")}`;
    const open = openTransaction(value, key);
    await open.ready;
    // A later transaction commits first, so the open one is listed as still running, not beyond the snapshot.
    await activate(db(), { value: "203.0.113.252", playbookKey: key });
    const cursor = await readHorizon(db());
    await open.commit();
    const contained = await db().containment.findFirstOrThrow({ where: { targetValue: value }, orderBy: { createdAt: "desc" } });
    const { changes } = await readEnforcementChanges(db(), { cursor });
    expect(changes.map((c) => c.containmentId)).toContain(contained.id);
  });
});

/** The server's own "postgres" database: another database than this file's. */
function otherDatabaseUrl(): string {
  const url = new URL(databaseUrl());
  url.pathname = "/postgres";
  return url.toString();
}
