import "server-only";
import type { TDb } from "@/lib/db/client";
import { isoDay } from "@/lib/domain/campaign-dates";
import { campaignAsksOwner, campaignCovers } from "@/lib/domain/campaign-scope";
import { daysUntilExpiry, registrationStanding } from "@/lib/domain/registration-expiry";
import { CAMPAIGN_SELECT, toCampaignView, type TCampaignView } from "./campaign-view";

export type TOwnerCampaign = TCampaignView & { registeredInScope: number };
export type TExpiringRegistration = { id: string; selector: string; businessService: string; expiresOn: string; daysLeft: number };

/**
 * An owner's home: the open campaigns that ask them (those covering one of their
 * registrations, or all of them while they have registered nothing), and their
 * registrations inside the expiry notice window.
 */
export async function loadOwnerCampaigns(client: TDb, options: { ownerId: string; now: Date }): Promise<{ campaigns: TOwnerCampaign[]; expiring: TExpiringRegistration[] }> {
  const { ownerId, now } = options;
  const [campaigns, registrations] = await Promise.all([
    client.registrationCampaign.findMany({
      where: { closedAt: null, opensAt: { lte: now }, deadline: { gte: now } },
      select: CAMPAIGN_SELECT,
      orderBy: { deadline: "asc" },
    }),
    client.protectedAsset.findMany({
      where: { ownerId, deletedAt: null },
      select: { id: true, selectorKind: true, selectorValue: true, businessService: true, assetClass: true, businessUnit: true, expiresAt: true },
      orderBy: { expiresAt: "asc" },
    }),
  ]);
  return {
    campaigns: campaigns
      .filter((c) => campaignAsksOwner(c, registrations))
      .map((c) => ({ ...toCampaignView(c, now), registeredInScope: registrations.filter((r) => campaignCovers(c, r)).length })),
    expiring: registrations.flatMap((r) =>
      r.expiresAt && registrationStanding(r.expiresAt, now) === "expiring"
        ? [{ id: r.id, selector: `${r.selectorKind} ${r.selectorValue}`, businessService: r.businessService, expiresOn: isoDay(r.expiresAt), daysLeft: daysUntilExpiry(r.expiresAt, now) }]
        : [],
    ),
  };
}
