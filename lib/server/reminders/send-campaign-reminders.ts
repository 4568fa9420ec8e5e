import type { TDb } from "@/lib/db/client";
import { daysLeft, daysLeftLabel, dueReminderPoints, isoDay } from "@/lib/domain/campaign-dates";
import { campaignAsksOwner, describeScope } from "@/lib/domain/campaign-scope";
import type { TJobSender } from "@/lib/jobs/queues";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { CAMPAIGN_SELECT } from "@/lib/server/campaigns/campaign-view";
import { announceToWebhooks } from "@/lib/server/pipeline/notify-webhooks";
import type { Prisma } from "@/lib/generated/prisma";

export type TReminderSent = { campaignId: string; daysBefore: number; recipients: number };

/**
 * Sends each open campaign's due reminder point once: the CampaignReminder key is claimed
 * in the same transaction as the notifications and the audit event, so concurrent workers
 * and re-runs send nothing twice. Points that fell due while no worker ran are recorded
 * without a message of their own; only the most pressing one is sent. The webhook jobs are
 * queued in that transaction too: a reminder is recorded with its webhook posts or not at
 * all (a crash after the commit and before a separate enqueue lost the posts for good).
 */
export async function sendCampaignReminders(client: TDb, options: { now: Date; jobs: TJobSender }): Promise<TReminderSent[]> {
  const { now, jobs } = options;
  const campaigns = await client.registrationCampaign.findMany({
    where: { closedAt: null, opensAt: { lte: now }, deadline: { gte: now } },
    select: CAMPAIGN_SELECT,
  });
  const sent: TReminderSent[] = [];
  const failed: { name: string; error: unknown }[] = [];
  // One campaign's failure (its transaction rolled back, its point still due) must not keep
  // the others' owners from their reminders; the job fails afterwards, so it runs again.
  for (const c of campaigns) {
    try {
      const reminded = await remindOwners(client, c, { now, jobs });
      if (reminded) sent.push(reminded);
    } catch (error) {
      failed.push({ name: c.name, error });
    }
  }
  if (failed.length > 0) {
    const names = failed.map((f) => `"${f.name}"`).join(", ");
    throw new Error(`The reminders of ${names} could not be sent and stay due (${(failed[0]!.error as Error).message}); the other campaigns' went out.`, { cause: failed[0]!.error });
  }
  return sent;
}

type TCampaign = Prisma.RegistrationCampaignGetPayload<{ select: typeof CAMPAIGN_SELECT }>;

/** The campaign's most pressing due point, sent in one transaction with its claim, notices, audit event and webhook jobs. */
async function remindOwners(client: TDb, c: TCampaign, options: { now: Date; jobs: TJobSender }): Promise<TReminderSent | null> {
  const { now, jobs } = options;
  const due = dueReminderPoints(c, now);
  const point = due[0];
  if (point === undefined) return null;
  const message = `Registration campaign "${c.name}": ${daysLeftLabel(c.deadline, now)} (deadline ${isoDay(c.deadline)}). Register or re-certify your assets in scope (${describeScope(c)}); anything not registered by then gets the default policy.`;
  const recipients = await client.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<{ daysBefore: number }[]>`
      INSERT INTO "CampaignReminder" ("campaignId", "deadline", "daysBefore")
      SELECT ${c.id}, ${c.deadline}, d FROM unnest(${due}::int[]) AS d
      ON CONFLICT DO NOTHING RETURNING "daysBefore"`;
    if (!claimed.some((r) => r.daysBefore === point)) return null;
    const owners = await tx.user.findMany({
      where: { role: "OWNER", disabled: false },
      select: { id: true, registrations: { where: { deletedAt: null }, select: { assetClass: true, businessUnit: true } } },
    });
    const asked = owners.filter((o) => campaignAsksOwner(c, o.registrations));
    await tx.notification.createMany({ data: asked.map((o) => ({ userId: o.id, kind: "campaign.reminder", message, link: "/" })) });
    await appendAudit(tx, {
      type: "CAMPAIGN_CHANGED",
      actor: SYSTEM_ACTOR,
      subject: { kind: "campaign", value: c.id },
      data: { change: "reminded", campaignId: c.id, details: { daysBefore: point, daysLeft: daysLeft(c.deadline, now), deadline: c.deadline.toISOString(), recipients: asked.length } },
      summary: `Reflex reminded ${asked.length} owner${asked.length === 1 ? "" : "s"} of campaign "${c.name}": ${daysLeftLabel(c.deadline, now)} (deadline ${isoDay(c.deadline)})`,
    });
    await announceToWebhooks(tx, jobs, {
      type: "campaign.reminder",
      occurredAt: now.toISOString(),
      campaign: { id: c.id, name: c.name, deadline: c.deadline.toISOString(), daysLeft: daysLeft(c.deadline, now), scopeAssetClasses: c.scopeAssetClasses, scopeBusinessUnits: c.scopeBusinessUnits },
      text: `:calendar: ${message}`,
    });
    return asked.length;
  });
  return recipients === null ? null : { campaignId: c.id, daysBefore: point, recipients };
}
