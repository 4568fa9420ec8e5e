import "server-only";
import type { TDb } from "@/lib/db/client";
import { CAMPAIGN_SELECT, toCampaignView, type TCampaignView } from "./campaign-view";

/** Every campaign, open ones first by deadline, then closed ones newest first. Campaigns are few. */
export async function listCampaigns(client: TDb, options: { now: Date }): Promise<TCampaignView[]> {
  const rows = await client.registrationCampaign.findMany({ select: CAMPAIGN_SELECT, orderBy: [{ deadline: "desc" }] });
  const views = rows.map((r) => toCampaignView(r, options.now));
  const rank = { open: 0, scheduled: 1, "past-deadline": 2, closed: 3 } as const;
  return views.sort((a, b) => rank[a.phase] - rank[b.phase]);
}
