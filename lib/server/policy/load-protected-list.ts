import type { TDb } from "@/lib/db/client";
import { readRequirements } from "@/lib/domain/requirements-schema";
import type { TRegistration } from "@/lib/domain/types";

/** Today's protected list: every registration not deleted and not lapsed at `now`. */
export async function loadProtectedList(client: TDb, now: Date): Promise<TRegistration[]> {
  const rows = await client.protectedAsset.findMany({
    where: { deletedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    include: { owner: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    selector: { kind: r.selectorKind, value: r.selectorValue },
    ownerName: r.owner.name,
    businessService: r.businessService,
    assetClass: r.assetClass,
    requirements: readRequirements(r.requirements),
    expiresAt: r.expiresAt,
  }));
}
