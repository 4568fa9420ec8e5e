import "server-only";
import { getServerSession } from "next-auth";
import type { TUserPrincipal } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { authOptions } from "./auth-options";

export type TCurrentUser = TUserPrincipal & { authAt: number | null };

/** The signed-in user, re-loaded from the database on every call: disabled users are refused. */
export async function getCurrentUser(): Promise<TCurrentUser | null> {
  const session = await getServerSession(authOptions);
  if (!session?.userId) return null;
  const user = await db().user.findUnique({ where: { id: session.userId } });
  if (!user || user.disabled) return null;
  return { kind: "user", id: user.id, email: user.email, name: user.name, role: user.role, authAt: session.authAt ?? null };
}
