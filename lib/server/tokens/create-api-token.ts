import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { TOKEN_SCOPES } from "@/lib/auth/permissions";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { generateToken, hashToken } from "@/lib/server/auth/api-tokens";
import { ExpectedError } from "@/lib/server/errors";

export const ZNewToken = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the token after what uses it, e.g. edge-fw-1.")
    .max(80)
    .regex(/^[\w.\- ]+$/, "Use letters, digits, spaces, dots, dashes or underscores."),
  scope: z.enum(TOKEN_SCOPES, { message: `Scope must be one of ${TOKEN_SCOPES.join(", ")}.` }),
});
export type TNewToken = z.infer<typeof ZNewToken>;

/** Returns the token itself exactly once; only its hash is stored. */
export async function createApiToken(client: TDb, options: { input: TNewToken; actor: TAuditActor }) {
  const { input, actor } = options;
  const token = generateToken(input.scope);
  const row = await client.$transaction(async (tx) => {
    if (await tx.apiToken.findUnique({ where: { name: input.name } })) {
      throw new ExpectedError("CONFLICT", `A token named "${input.name}" already exists.`, {
        name: ["This name is taken."],
      });
    }
    const created = await tx.apiToken.create({
      data: {
        name: input.name,
        scope: input.scope,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 12),
        createdById: actor.kind === "USER" ? (actor.id ?? null) : null,
      },
    });
    // Feed and bouncer tokens are enforcement points: Reflex tracks when each one pulls.
    if (input.scope === "feed" || input.scope === "bouncer") {
      await tx.enforcementPoint.create({ data: { tokenId: created.id } });
    }
    await appendAudit(tx, {
      type: "TOKEN_CHANGED",
      actor,
      data: { change: "created", tokenId: created.id, name: created.name, scope: created.scope },
      summary: `${actor.name} created ${created.scope} token "${created.name}"`,
    });
    return created;
  });
  return { token, id: row.id, name: row.name, scope: row.scope };
}
