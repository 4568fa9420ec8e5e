import "server-only";
import { can, ROLES } from "@/lib/auth/permissions";
import type { TDb } from "@/lib/db/client";

/** People who can own a registration (the same rule resolveOwner enforces): enabled, and allowed to maintain registrations. */
export async function listRegistrationOwners(client: TDb): Promise<{ id: string; name: string }[]> {
  return client.user.findMany({
    where: { disabled: false, role: { in: ROLES.filter((r) => can(r, "assets:edit")) } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
