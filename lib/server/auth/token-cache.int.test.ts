import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { databaseUrl, db } from "@/lib/db/client";
import { SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { revokeApiToken } from "@/lib/server/tokens/revoke-api-token";
import { findTokenPrincipal, listenForTokenRevocations } from "./api-tokens";
import { APPLICATION_NAME, TOKEN_REVOKED_CHANNEL, TokenCache } from "./token-cache";

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

const caches: TokenCache<string>[] = [];
afterAll(async () => {
  await Promise.all(caches.map((c) => c.stop()));
});

describe.skipIf(onPglite)("the API token cache (PostgreSQL)", () => {
  it("serves a token seen before from the process, and forgets it when another process revokes one", async () => {
    expect(await listenForTokenRevocations()).toBe(true);
    const { token, id } = await createApiToken(db(), { input: { name: "cached-fw", scope: "feed" }, actor: SYSTEM_ACTOR });
    expect(await findTokenPrincipal(token)).toMatchObject({ id, name: "cached-fw" });
    // A rename behind the cache's back shows the answer comes from the process now.
    await elsewhere(`UPDATE "ApiToken" SET "name" = 'renamed-fw' WHERE "id" = $1`, [id]);
    expect(await findTokenPrincipal(token)).toMatchObject({ name: "cached-fw" });

    // Another process revokes it: its transaction notifies at commit.
    await elsewhere(`BEGIN; UPDATE "ApiToken" SET "revokedAt" = now() WHERE "id" = '${id}'; SELECT pg_notify('${TOKEN_REVOKED_CHANNEL}', '${id}'); COMMIT;`);
    await eventually(async () => (await findTokenPrincipal(token)) === null, "the revocation to be heard");
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
});
