import "server-only";
import type { TDb } from "@/lib/db/client";
import { isoDay } from "@/lib/domain/campaign-dates";
import { campaignDates, type TCampaignInput } from "@/lib/domain/campaign-input";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";
import { campaignTerms } from "./campaign-summary";

/**
 * Changes a campaign that is not closed. Unlike opening one, an edit may move the deadline
 * into the past: that is how the SOC ends a window early, and from then on decisions say
 * "not registered by <deadline>". Moving the deadline re-arms its reminders (they are keyed
 * by deadline).
 */
export async function editCampaign(client: TDb, options: { campaignId: string; input: TCampaignInput; actor: TAuditActor }) {
  const { campaignId, input, actor } = options;
  return client.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "RegistrationCampaign" WHERE "id" = ${campaignId} FOR UPDATE`;
    const before = locked ? await tx.registrationCampaign.findUnique({ where: { id: locked.id } }) : null;
    if (!before) throw new ExpectedError("NOT_FOUND", "That campaign does not exist.");
    if (before.closedAt) throw new ExpectedError("CONFLICT", `Campaign "${before.name}" was closed on ${isoDay(before.closedAt)}: closed campaigns do not change.`);
    await tx.registrationCampaign.update({
      where: { id: campaignId },
      data: {
        name: input.name,
        scopeAssetClasses: input.scopeAssetClasses,
        scopeBusinessUnits: input.scopeBusinessUnits,
        ...campaignDates(input),
        cadenceDays: input.cadenceDays,
        reminderDaysBefore: input.reminderDaysBefore,
      },
    });
    const previous = { name: before.name, deadlineOn: isoDay(before.deadline), opensOn: isoDay(before.opensAt), cadenceDays: before.cadenceDays };
    await appendAudit(tx, {
      type: "CAMPAIGN_CHANGED",
      actor,
      subject: { kind: "campaign", value: campaignId },
      data: { change: "edited", campaignId, details: { before: previous, after: { ...input } } },
      summary: `${actor.name} edited registration campaign "${input.name}" (${campaignTerms(input)}${previous.deadlineOn !== input.deadlineOn ? `; deadline was ${previous.deadlineOn}` : ""})`,
    });
    return { id: campaignId };
  });
}
