import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { ROLES } from "@/lib/auth/permissions";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { hashPassword } from "@/lib/server/auth/passwords";
import { ExpectedError } from "@/lib/server/errors";

export const ZNewUser = z.object({
  email: z.email("Enter a valid email address.").transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1, "Enter a name.").max(120),
  role: z.enum(ROLES, { message: `Role must be one of ${ROLES.join(", ")}.` }),
  password: z.string().min(12, "Use at least 12 characters.").max(200).optional(),
});
export type TNewUser = z.infer<typeof ZNewUser>;

export async function createUser(client: TDb, options: { input: TNewUser; actor: TAuditActor }) {
  const { input, actor } = options;
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return client.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email } });
    if (existing) {
      throw new ExpectedError("CONFLICT", `A user with email ${input.email} already exists.`, {
        email: ["This email is already registered."],
      });
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
    });
    await appendAudit(tx, {
      type: "USER_CHANGED",
      actor,
      data: { change: "created", userId: user.id, email: user.email, role: user.role },
      summary: `${actor.name} created user ${user.email} with role ${user.role}`,
    });
    return user;
  });
}
