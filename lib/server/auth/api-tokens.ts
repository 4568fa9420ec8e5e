import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { TTokenPrincipal, TTokenScope } from "@/lib/auth/permissions";
import { db, poolOf } from "@/lib/db/client";
import { pgRawSql } from "@/lib/db/raw-sql";

// Tokens are shown once; only their SHA-256 is stored, so a database leak leaks no token.

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function generateToken(scope: TTokenScope): string {
  return `rfx_${scope}_${randomBytes(24).toString("base64url")}`;
}

const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * Every API request starts here, so it is one raw statement sent straight on pg rather than
 * through Prisma (lib/db/raw-sql.ts, docs/BENCHMARKS.md), plus a write at most once a
 * minute per token.
 */
export async function findTokenPrincipal(token: string): Promise<TTokenPrincipal | null> {
  const [row] = await pgRawSql(poolOf(db())).$queryRaw<{ id: string; name: string; scope: TTokenScope; revoked: boolean; lastUsedMs: number | null }[]>`
    SELECT "id", "name", "scope"::text AS "scope", "revokedAt" IS NOT NULL AS "revoked", (extract(epoch FROM "lastUsedAt") * 1000)::float8 AS "lastUsedMs"
    FROM "ApiToken" WHERE "tokenHash" = ${hashToken(token)}`;
  if (!row || row.revoked) return null;
  const now = new Date();
  // Coarse last-use stamp: one write a minute per token, not one per request.
  if (row.lastUsedMs === null || now.getTime() - Number(row.lastUsedMs) > LAST_USED_GRANULARITY_MS) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { kind: "token", id: row.id, name: row.name, scope: row.scope };
}
