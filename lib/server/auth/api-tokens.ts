import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { TTokenPrincipal, TTokenScope } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";

// Tokens are shown once; only their SHA-256 is stored, so a database leak leaks no token.

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function generateToken(scope: TTokenScope): string {
  return `rfx_${scope}_${randomBytes(24).toString("base64url")}`;
}

const LAST_USED_GRANULARITY_MS = 60_000;

export async function findTokenPrincipal(token: string): Promise<TTokenPrincipal | null> {
  const row = await db().apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.revokedAt) return null;
  const now = new Date();
  // Coarse last-use stamp: one write a minute per token, not one per request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { kind: "token", id: row.id, name: row.name, scope: row.scope };
}
