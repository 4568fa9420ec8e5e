import { spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { databaseUrl, db, disconnectDb } from "@/lib/db/client";
import { SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { revokeApiToken } from "@/lib/server/tokens/revoke-api-token";
import { findTokenPrincipal, listenForTokenRevocations } from "./api-tokens";
import { APPLICATION_NAME, MAX_AGE_MS, TokenCache } from "./token-cache";

// PGlite cannot deliver notifications to a listener (token-cache.ts), so there the cache
// stays off; what it does when on is tested on PostgreSQL.
const onPglite = inject("templateDatabase").kind === "pglite";

/** A statement from another process: its own connection, its own transaction. */
async function elsewhere(sql: string, params: unknown[] = []) {
  const client = new pg.Client(databaseUrl());
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

async function eventually(check: () => Promise<boolean> | boolean, what: string) {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// Stopped after each test, so that the process's own listener is the only one left when a test counts sessions.
const caches: TokenCache<string>[] = [];
afterEach(async () => {
  await Promise.all(caches.splice(0).map((c) => c.stop()));
});

async function listeningSessions(): Promise<number> {
  const client = new pg.Client(databaseUrl());
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [APPLICATION_NAME]);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

// What a CLI command does (bin/reflex.mjs runs lib/cli/main.ts this way): the listener
// started as a request starts it, awaited or still connecting, then disconnectDb; and once
// more while disconnectDb is closing the pool. Nothing else holds the event loop, so the
// process must end by itself.
const CLI_LIKE = `
const { listenForTokenRevocations } = await import(${JSON.stringify(pathToFileURL(path.resolve(import.meta.dirname, "api-tokens.ts")).href)});
const { disconnectDb } = await import(${JSON.stringify(pathToFileURL(path.resolve(import.meta.dirname, "../../db/client.ts")).href)});
if (!(await listenForTokenRevocations())) process.exit(2);
await disconnectDb();
void listenForTokenRevocations();
await disconnectDb();
await listenForTokenRevocations();
const closing = disconnectDb();
void listenForTokenRevocations();
await closing;
`;

function exitCodeOf(script: string, timeoutMs: number): Promise<number | "still running"> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "--input-type=module", "--eval", script], {
    cwd: path.resolve(import.meta.dirname, "../../.."),
    env: { ...process.env, DATABASE_URL: databaseUrl() },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve("still running");
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve(code ?? -1);
    });
  });
}

describe.skipIf(onPglite)("the API token cache (PostgreSQL)", () => {
  it("serves a token seen before from the process, for a bounded time", async () => {
    expect(await listenForTokenRevocations()).toBe(true);
    const { token, id } = await createApiToken(db(), { input: { name: "cached-fw", scope: "feed" }, actor: SYSTEM_ACTOR });
    expect(await findTokenPrincipal(token)).toMatchObject({ id, name: "cached-fw" });
    // Revoked with triggers off, so no process hears of it: the answer comes from the cache…
    await elsewhere(`BEGIN; SET LOCAL session_replication_role = replica; UPDATE "ApiToken" SET "revokedAt" = now() WHERE "id" = '${id}'; COMMIT;`);
    expect(await findTokenPrincipal(token)).toMatchObject({ id });
    // …but never for longer than MAX_AGE_MS.
    expect(await findTokenPrincipal(token, { now: new Date(Date.now() + MAX_AGE_MS) })).toBeNull();
  });

  it("forgets a token when any process revokes, renames or deletes it, by any means", async () => {
    expect(await listenForTokenRevocations()).toBe(true);
    const revoked = await createApiToken(db(), { input: { name: "cached-revoked", scope: "ingest" }, actor: SYSTEM_ACTOR });
    const renamed = await createApiToken(db(), { input: { name: "cached-renamed", scope: "ingest" }, actor: SYSTEM_ACTOR });
    const deleted = await createApiToken(db(), { input: { name: "cached-deleted", scope: "ingest" }, actor: SYSTEM_ACTOR });
    for (const t of [revoked, renamed, deleted]) expect(await findTokenPrincipal(t.token)).toMatchObject({ id: t.id });

    await elsewhere(`UPDATE "ApiToken" SET "revokedAt" = now() WHERE "id" = $1`, [revoked.id]);
    await eventually(async () => (await findTokenPrincipal(revoked.token)) === null, "the revocation to be heard");
    await elsewhere(`UPDATE "ApiToken" SET "name" = 'cached-renamed-2' WHERE "id" = $1`, [renamed.id]);
    await eventually(async () => (await findTokenPrincipal(renamed.token))?.name === "cached-renamed-2", "the rename to be heard");
    await elsewhere(`DELETE FROM "ApiToken" WHERE "id" = $1`, [deleted.id]);
    await eventually(async () => (await findTokenPrincipal(deleted.token)) === null, "the deletion to be heard");
  });

  it("refuses a token revoked in this process from the very next request", async () => {
    const { token } = await createApiToken(db(), { input: { name: "cached-ingest", scope: "ingest" }, actor: SYSTEM_ACTOR });
    expect(await findTokenPrincipal(token)).not.toBeNull();
    await revokeApiToken(db(), { input: { token: "cached-ingest", reason: "rotated" }, actor: SYSTEM_ACTOR });
    expect(await findTokenPrincipal(token)).toBeNull();
  });

  it("does not let a lookup that began before an invalidation fill the cache", async () => {
    const cache = new TokenCache<string>();
    caches.push(cache);
    expect(cache.get("k")).toBeUndefined();
    expect(await cache.listen(databaseUrl())).toBe(true);
    const before = cache.generation();
    cache.invalidate();
    cache.set("k", "stale", before);
    expect(cache.get("k")).toBeUndefined();
    cache.set("k", "fresh", cache.generation());
    expect(cache.get("k")).toBe("fresh");
  });

  it("caches nothing while its listening session is down, and listens again by itself", async () => {
    const cache = new TokenCache<string>();
    caches.push(cache);
    expect(await cache.listen(databaseUrl())).toBe(true);
    cache.set("k", "v", cache.generation());
    await elsewhere(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [APPLICATION_NAME]);
    await eventually(() => !cache.listening, "the lost session to be noticed");
    expect(cache.get("k")).toBeUndefined();
    cache.set("k", "v", cache.generation());
    expect(cache.get("k")).toBeUndefined();
    await eventually(() => cache.listening, "the session to come back");
    expect(cache.get("k")).toBeUndefined();
  });

  it("stops with disconnectDb: its session closed, nothing served from the cache", async () => {
    expect(await listenForTokenRevocations()).toBe(true);
    const { token, id } = await createApiToken(db(), { input: { name: "cached-disconnect", scope: "feed" }, actor: SYSTEM_ACTOR });
    expect(await findTokenPrincipal(token)).toMatchObject({ id });
    // Revoked unheard, so that only the cache still knows the token.
    await elsewhere(`BEGIN; SET LOCAL session_replication_role = replica; UPDATE "ApiToken" SET "revokedAt" = now() WHERE "id" = '${id}'; COMMIT;`);
    expect(await findTokenPrincipal(token)).toMatchObject({ id });

    await disconnectDb();
    await eventually(async () => (await listeningSessions()) === 0, "the listening session to close");
    // Served from the database again, where the token is revoked.
    expect(await findTokenPrincipal(token)).toBeNull();
  });

  it("lets a CLI process end by itself after disconnectDb", async () => {
    expect(await exitCodeOf(CLI_LIKE, 30_000)).toBe(0);
  });
});
