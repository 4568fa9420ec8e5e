import "server-only";
import { can, ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import type { TDb } from "@/lib/db/client";

/**
 * People who can own a registration (the same rule resolveOwner enforces): enabled, and
 * allowed to maintain registrations. Business owners first: they are who registrations are for.
 */
export async function listRegistrationOwners(client: TDb): Promise<{ id: string; name: string }[]> {
  const users = await client.user.findMany({
    where: { disabled: false, role: { in: ROLES.filter((r) => can(r, "assets:edit")) } },
    select: { id: true, name: true, role: true },
    orderBy: { name: "asc" },
  });
  const rank = (role: string) => (role === "OWNER" ? 0 : 1);
  return users.sort((a, b) => rank(a.role) - rank(b.role)).map((u) => ({ id: u.id, name: u.role === "OWNER" ? u.name : `${u.name} (${ROLE_LABELS[u.role]})` }));
}
