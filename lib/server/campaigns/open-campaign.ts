import "server-only";
import type { TDb } from "@/lib/db/client";
import { campaignDates, type TCampaignInput } from "@/lib/domain/campaign-input";
import { isoDay } from "@/lib/domain/campaign-dates";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";
import { campaignTerms } from "./campaign-summary";

/**
 * Opens a registration campaign. Its opening day may lie in the past (a window announced
 * earlier and entered now), but its deadline may not: owners would have no time at all.
 */
export async function openCampaign(client: TDb, options: { input: TCampaignInput; createdById: string; actor: TAuditActor; now: Date }) {
  const { input, actor, now } = options;
  if (input.deadlineOn < isoDay(now)) {
    throw new ExpectedError("BAD_INPUT", "Some fields need fixing.", { deadlineOn: ["The deadline has passed already: owners would have no time to register."] });
  }
  const dates = campaignDates(input);
  return client.$transaction(async (tx) => {
    const campaign = await tx.registrationCampaign.create({
      data: {
        name: input.name,
        scopeAssetClasses: input.scopeAssetClasses,
        scopeBusinessUnits: input.scopeBusinessUnits,
        ...dates,
        cadenceDays: input.cadenceDays,
        reminderDaysBefore: input.reminderDaysBefore,
        createdById: options.createdById,
      },
    });
    await appendAudit(tx, {
      type: "CAMPAIGN_CHANGED",
      actor,
      subject: { kind: "campaign", value: campaign.id },
      data: { change: "opened", campaignId: campaign.id, details: { ...input } },
      summary: `${actor.name} opened registration campaign "${input.name}" (${campaignTerms(input)})`,
    });
    return { id: campaign.id };
  });
}
