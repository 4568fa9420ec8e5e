import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { TTokenPrincipal, TTokenScope } from "@/lib/auth/permissions";
import { databaseUrl, db, poolOf, stopWithDb } from "@/lib/db/client";
import { pgRawSql } from "@/lib/db/raw-sql";
import { TokenCache } from "./token-cache";

// Tokens are shown once; only their SHA-256 is stored, so a database leak leaks no token.

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function generateToken(scope: TTokenScope): string {
  return `rfx_${scope}_${randomBytes(24).toString("base64url")}`;
}

const LAST_USED_GRANULARITY_MS = 60_000;

type TKnownToken = { principal: TTokenPrincipal; lastUsedMs: number | null };

// One per process, whichever copy of this module a request comes through. Its listener
// goes with the pool: the next lookup after disconnectDb starts both again.
const globalForTokens = globalThis as unknown as { __reflexTokenCache?: TokenCache<TKnownToken> };
const tokenCache = (globalForTokens.__reflexTokenCache ??= new TokenCache<TKnownToken>());
stopWithDb(tokenCache);

/** Starts listening for revocations on the current database (the cache is off until then); resolves to whether caching is on. */
export function listenForTokenRevocations(): Promise<boolean> {
  // The database the lookups read, which is the pool's, whatever DATABASE_URL says now.
  return tokenCache.listen(poolOf(db()).options.connectionString ?? databaseUrl());
}

/** Forgets every cached token in this process (other processes hear the revocation's notification). */
export function forgetCachedTokens(): void {
  tokenCache.invalidate();
}

/**
 * Every API request starts here: a token seen before comes from the process's cache while
 * revocations are heard (token-cache.ts), otherwise from one raw statement sent straight
 * on pg rather than through Prisma (lib/db/raw-sql.ts, docs/BENCHMARKS.md), plus a write at
 * most once a minute per token.
 */
export async function findTokenPrincipal(token: string, options: { now?: Date } = {}): Promise<TTokenPrincipal | null> {
  void listenForTokenRevocations();
  const tokenHash = hashToken(token);
  const now = (options.now ?? new Date()).getTime();
  let known = tokenCache.get(tokenHash, now);
  if (!known) {
    const generation = tokenCache.generation();
    const [row] = await pgRawSql(poolOf(db())).$queryRaw<{ id: string; name: string; scope: TTokenScope; revoked: boolean; lastUsedMs: number | null }[]>`
      SELECT "id", "name", "scope"::text AS "scope", "revokedAt" IS NOT NULL AS "revoked", (extract(epoch FROM "lastUsedAt") * 1000)::float8 AS "lastUsedMs"
      FROM "ApiToken" WHERE "tokenHash" = ${tokenHash}`;
    if (!row || row.revoked) return null;
    known = { principal: { kind: "token", id: row.id, name: row.name, scope: row.scope }, lastUsedMs: row.lastUsedMs === null ? null : Number(row.lastUsedMs) };
    tokenCache.set(tokenHash, known, generation, now);
  }
  // Coarse last-use stamp: one write a minute per token and process, never moving it back.
  if (known.lastUsedMs === null || now - known.lastUsedMs > LAST_USED_GRANULARITY_MS) {
    known.lastUsedMs = now;
    await pgRawSql(poolOf(db())).$executeRaw`
      UPDATE "ApiToken" SET "lastUsedAt" = GREATEST("lastUsedAt", ${new Date(now)}::timestamptz AT TIME ZONE 'UTC') WHERE "id" = ${known.principal.id}`;
  }
  return known.principal;
}
