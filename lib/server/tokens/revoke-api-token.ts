import { z } from "zod";
import { REVOCATION_EFFECT } from "@/lib/auth/permissions";
import type { TDb } from "@/lib/db/client";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { forgetCachedTokens } from "@/lib/server/auth/api-tokens";
import { ExpectedError } from "@/lib/server/errors";

export const ZRevokeToken = z.object({
  /** The token's id (the console) or its name (the CLI). */
  token: z.string().trim().min(1, "Say which token to revoke: its name, as `npx reflex token list` shows it.").max(200, "That is longer than any token name."),
  reason: z.string().trim().min(3, "Give a reason (at least 3 characters): it goes in the audit log.").max(500, "Keep the reason under 500 characters."),
});
export type TRevokeToken = z.infer<typeof ZRevokeToken>;

// A leaked token is most likely revoked in the middle of a flood, when the audit chain's
// heads are busy: wait as the loop's transactions do rather than Prisma's 5 s.
const REVOKE_TX = { timeout: 60_000, maxWait: 30_000 };

/**
 * Revokes an API token: from the next request on, it is refused (processes caching tokens
 * hear of it at commit from the table's trigger: lib/server/auth/token-cache.ts). Revoking
 * a revoked token changes nothing and signs nothing again. The row stays, for the history
 * of what it did.
 */
export async function revokeApiToken(client: TDb, options: { input: TRevokeToken; actor: TAuditActor; now?: Date }) {
  const { input, actor } = options;
  const result = await client.$transaction(async (tx) => {
    const matches = await tx.apiToken.findMany({ where: { OR: [{ id: input.token }, { name: input.token }] } });
    if (matches.length === 0) throw new ExpectedError("NOT_FOUND", `There is no API token named "${input.token}".`, { token: ["No such token."] });
    if (matches.length > 1) throw new ExpectedError("CONFLICT", `"${input.token}" names more than one token: revoke it by its id.`);
    const row = matches[0]!;
    const revoked = await tx.apiToken.updateMany({ where: { id: row.id, revokedAt: null }, data: { revokedAt: options.now ?? new Date() } });
    if (revoked.count === 0) return { id: row.id, name: row.name, scope: row.scope, alreadyRevoked: true };
    await appendAudit(tx, {
      type: "TOKEN_CHANGED",
      actor,
      data: { change: "revoked", tokenId: row.id, name: row.name, scope: row.scope, details: { reason: input.reason } },
      summary: `${actor.name} revoked ${row.scope} token "${row.name}": "${input.reason}". ${REVOCATION_EFFECT[row.scope]}`,
    });
    return { id: row.id, name: row.name, scope: row.scope, alreadyRevoked: false };
  }, REVOKE_TX);
  // This process need not wait for the notification.
  forgetCachedTokens();
  return result;
}
