import type { TDb, TTx } from "@/lib/db/client";
import { inferAssetClass } from "@/lib/domain/asset-class";
import { applicableDeadline } from "@/lib/domain/campaign-scope";
import type { TEntity } from "@/lib/domain/types";

/** The campaign deadline that applies to an unregistered target (campaigns are few; scope is decided in lib/domain). */
export async function findApplicableDeadline(client: TDb | TTx, target: Pick<TEntity, "kind" | "value">, now: Date): Promise<Date | null> {
  const campaigns = await client.registrationCampaign.findMany({
    where: { closedAt: null, opensAt: { lte: now } },
    select: { scopeAssetClasses: true, scopeBusinessUnits: true, opensAt: true, deadline: true, closedAt: true },
  });
  return applicableDeadline(campaigns, inferAssetClass(target), now);
}
