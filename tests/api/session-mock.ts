import type { TRole } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { TCurrentUser } from "@/lib/server/auth/current-user";

// Stands in for lib/server/auth/current-user.ts in route tests. The real one reads the
// next-auth cookie through `next/headers`, which throws outside a Next.js request scope;
// a test file replaces it with
//   vi.mock("@/lib/server/auth/current-user", () => import("@/tests/api/session-mock"));
// and signs a demo user in (or nobody: a request without a token then gets 401).

let current: TCurrentUser | null = null;

export async function getCurrentUser(): Promise<TCurrentUser | null> {
  return current;
}

/** Signs in the seeded demo user of `role` (prisma/seed-demo.ts) for the following requests. */
export async function signInAs(role: TRole): Promise<TCurrentUser> {
  const user = await db().user.findFirstOrThrow({ where: { role } });
  current = { kind: "user", id: user.id, email: user.email, name: user.name, role: user.role, authAt: Date.now() };
  return current;
}

export function signOut(): void {
  current = null;
}
