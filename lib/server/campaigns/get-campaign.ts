import "server-only";
import type { TDb } from "@/lib/db/client";
import { CAMPAIGN_SELECT, toCampaignView, type TCampaignView } from "./campaign-view";

export async function getCampaign(client: TDb, options: { campaignId: string; now: Date }): Promise<TCampaignView | null> {
  const row = await client.registrationCampaign.findUnique({ where: { id: options.campaignId }, select: CAMPAIGN_SELECT });
  return row ? toCampaignView(row, options.now) : null;
}
