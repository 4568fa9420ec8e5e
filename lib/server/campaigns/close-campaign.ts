import "server-only";
import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";

export const ZCloseCampaign = z.object({
  campaignId: z.uuid("Unknown campaign."),
  reason: z.string().trim().min(3, "Say why the campaign closes (at least 3 characters).").max(500, "Keep the reason under 500 characters."),
});

/**
 * Withdraws a campaign: no more reminders, owners no longer see it, and decisions no longer
 * cite its deadline. Registrations made under it keep protecting until they expire.
 */
export async function closeCampaign(client: TDb, options: { campaignId: string; reason: string; actor: TAuditActor; now: Date }) {
  const { campaignId, actor, now } = options;
  return client.$transaction(async (tx) => {
    const closed = await tx.registrationCampaign.updateMany({ where: { id: campaignId, closedAt: null }, data: { closedAt: now } });
    const campaign = await tx.registrationCampaign.findUnique({ where: { id: campaignId }, select: { name: true } });
    if (!campaign) throw new ExpectedError("NOT_FOUND", "That campaign does not exist.");
    if (closed.count === 0) throw new ExpectedError("CONFLICT", `Campaign "${campaign.name}" is closed already.`);
    await appendAudit(tx, {
      type: "CAMPAIGN_CHANGED",
      actor,
      subject: { kind: "campaign", value: campaignId },
      data: { change: "closed", campaignId, details: { reason: options.reason } },
      summary: `${actor.name} closed registration campaign "${campaign.name}": ${options.reason}`,
    });
    return { id: campaignId };
  });
}
