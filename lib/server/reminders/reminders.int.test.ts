import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { endOfDay, isoDay, startOfDay } from "@/lib/domain/campaign-dates";
import { recordingJobSender, type TJobSender } from "@/lib/jobs/queues";
import { listNotifications } from "@/lib/server/notifications/list-notifications";
import { markNotificationsRead } from "@/lib/server/notifications/mark-notifications-read";
import { findMatchingRegistrations } from "@/lib/server/protected/find-matching-registrations";
import { seedDemo } from "@/prisma/seed-demo";
import { sendCampaignReminders } from "./send-campaign-reminders";
import { sendExpiryNotices } from "./send-expiry-notices";

// Reminders go out once per reminder point, however often (and however concurrently) the
// job runs; expiry notices once per expiry. Time is passed in, so the test walks the days.

const DAY = 86_400_000;
let ownerId: string;
let campaignId: string;
const start = new Date("2031-03-01T09:00:00Z");
const after = (days: number) => new Date(start.getTime() + days * DAY);

beforeAll(async () => {
  await seedDemo(db());
  ownerId = (await db().user.findUniqueOrThrow({ where: { email: "owner@example.com" } })).id;
  const ciso = await db().user.findUniqueOrThrow({ where: { email: "ciso@example.com" } });
  // The demo campaign's dates are relative to today; this one lives in 2031 so only it is due.
  await db().registrationCampaign.updateMany({ data: { closedAt: new Date() } });
  campaignId = (
    await db().registrationCampaign.create({
      data: {
        name: "Q1 2031",
        scopeAssetClasses: ["crown-jewel"],
        scopeBusinessUnits: [],
        opensAt: startOfDay("2031-02-01"),
        deadline: endOfDay("2031-03-15"),
        cadenceDays: 90,
        reminderDaysBefore: [14, 7, 1],
        createdById: ciso.id,
      },
    })
  ).id;
  await db().connectorSetting.create({ data: { kind: "webhook", name: "chat", config: { url: "http://127.0.0.1:9/hook", secret: "0123456789abcdef" } } });
});

const reminderAudits = () => db().auditEvent.findMany({ where: { type: "CAMPAIGN_CHANGED", subjectValue: campaignId }, orderBy: { id: "asc" } });
const ownerNotices = (kind: string) => db().notification.findMany({ where: { userId: ownerId, kind }, orderBy: { createdAt: "asc" } });

describe("campaign reminders", () => {
  it("sends the 14-day point once, to owners and the webhook, however many workers run", async () => {
    const jobs = recordingJobSender();
    const runs = await Promise.all([1, 2, 3].map(() => sendCampaignReminders(db(), { now: start, jobs })));
    expect(runs.flat()).toEqual([{ campaignId, daysBefore: 14, recipients: 1 }]);
    expect(await sendCampaignReminders(db(), { now: after(1), jobs })).toEqual([]);

    const notices = await ownerNotices("campaign.reminder");
    expect(notices.map((n) => n.message)).toEqual([expect.stringContaining(`Registration campaign "Q1 2031": 14 days left (deadline 2031-03-15)`)]);
    expect(jobs.sent).toEqual([{ queue: "webhook.deliver", data: { connectorId: expect.any(String), event: expect.objectContaining({ type: "campaign.reminder", text: expect.stringContaining("14 days left") }) }, options: undefined }]);
    const audits = await reminderAudits();
    expect(audits.map((a) => a.data)).toEqual([{ change: "reminded", campaignId, details: expect.objectContaining({ daysBefore: 14, daysLeft: 14, recipients: 1 }) }]);
  });

  it("after a gap, sends only the most pressing point and records the skipped one", async () => {
    const jobs = recordingJobSender();
    expect(await sendCampaignReminders(db(), { now: after(13), jobs })).toEqual([{ campaignId, daysBefore: 1, recipients: 1 }]);
    expect(await sendCampaignReminders(db(), { now: after(13.5), jobs })).toEqual([]);
    const points = await db().campaignReminder.findMany({ where: { campaignId }, orderBy: { daysBefore: "desc" } });
    expect(points.map((p) => p.daysBefore)).toEqual([14, 7, 1]);
    expect((await ownerNotices("campaign.reminder")).at(-1)?.message).toContain("1 day left");
    expect(await reminderAudits()).toHaveLength(2);
  });

  it("re-arms the reminders when the deadline moves, and stays quiet after it", async () => {
    await db().registrationCampaign.update({ where: { id: campaignId }, data: { deadline: endOfDay("2031-03-20") } });
    const jobs = recordingJobSender();
    expect(await sendCampaignReminders(db(), { now: after(13), jobs })).toEqual([{ campaignId, daysBefore: 7, recipients: 1 }]);
    expect(await sendCampaignReminders(db(), { now: after(25), jobs })).toEqual([]);
  });
});

describe("a reminder and its webhook posts", () => {
  it("are recorded together or not at all: a failed enqueue leaves the point to send again", async () => {
    // A campaign of its own, years after the others, so only it is due.
    const ciso = await db().user.findUniqueOrThrow({ where: { email: "ciso@example.com" } });
    const campaign = await db().registrationCampaign.create({
      data: {
        name: "Q1 2035",
        scopeAssetClasses: ["crown-jewel"],
        scopeBusinessUnits: [],
        opensAt: startOfDay("2035-02-01"),
        deadline: endOfDay("2035-03-15"),
        cadenceDays: 90,
        reminderDaysBefore: [14],
        createdById: ciso.id,
      },
    });
    const now = new Date("2035-03-01T09:00:00Z");
    const unreachable = async () => Promise.reject(new Error("job engine unreachable"));
    const failing = { send: unreachable, sendMany: unreachable, sendManyWithin: unreachable };
    await expect(sendCampaignReminders(db(), { now, jobs: failing })).rejects.toThrow("job engine unreachable");
    expect(await db().campaignReminder.count({ where: { campaignId: campaign.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { type: "CAMPAIGN_CHANGED", subjectValue: campaign.id } })).toBe(0);

    const jobs = recordingJobSender();
    expect(await sendCampaignReminders(db(), { now, jobs })).toEqual([{ campaignId: campaign.id, daysBefore: 14, recipients: 1 }]);
    expect(jobs.sent).toEqual([{ queue: "webhook.deliver", data: { connectorId: expect.any(String), event: expect.objectContaining({ campaign: expect.objectContaining({ id: campaign.id }) }) } }]);
    await db().registrationCampaign.update({ where: { id: campaign.id }, data: { closedAt: new Date() } });
  });
});

describe("one campaign's failed reminder", () => {
  it("leaves the other campaigns' reminders to go out, and fails afterwards naming it", async () => {
    const ciso = await db().user.findUniqueOrThrow({ where: { email: "ciso@example.com" } });
    const open = (name: string) =>
      db().registrationCampaign.create({
        data: { name, scopeAssetClasses: ["crown-jewel"], scopeBusinessUnits: [], opensAt: startOfDay("2036-02-01"), deadline: endOfDay("2036-03-15"), cadenceDays: 90, reminderDaysBefore: [14], createdById: ciso.id },
      });
    const [first, second] = [await open("Q1 2036 north"), await open("Q1 2036 south")];
    const now = new Date("2036-03-01T09:00:00Z");
    // The job engine refuses the first campaign's webhook jobs, whichever that is, and takes the rest.
    let calls = 0;
    const jobs = recordingJobSender();
    const flaky: TJobSender = { ...jobs, sendManyWithin: async (tx, sent) => (calls++ === 0 ? Promise.reject(new Error("job engine busy")) : jobs.sendManyWithin(tx, sent)) };
    await expect(sendCampaignReminders(db(), { now, jobs: flaky })).rejects.toThrow(/could not be sent and stay due \(job engine busy\); the other campaigns' went out/);
    const reminded = await db().campaignReminder.findMany({ where: { campaignId: { in: [first.id, second.id] } }, select: { campaignId: true } });
    expect(reminded).toHaveLength(1);

    // The next run sends the one that failed, and only it.
    const retried = await sendCampaignReminders(db(), { now, jobs });
    expect(retried.map((r) => r.campaignId)).toEqual([first.id, second.id].filter((id) => id !== reminded[0]!.campaignId));
    await db().registrationCampaign.updateMany({ where: { id: { in: [first.id, second.id] } }, data: { closedAt: new Date() } });
  });
});

describe("registration expiry", () => {
  it("gives notice once before, then records once that the registration stopped protecting", async () => {
    const reg = await db().protectedAsset.findFirstOrThrow({ where: { ownerId, selectorKind: "cidr" } });
    const expiresAt = new Date(start.getTime() + 5 * DAY);
    await db().protectedAsset.update({ where: { id: reg.id }, data: { expiresAt } });
    await db().protectedAsset.updateMany({ where: { id: { not: reg.id } }, data: { expiresAt: new Date("2040-01-01T00:00:00Z") } });

    expect(await sendExpiryNotices(db(), { now: start })).toEqual({ expiring: 1, expired: 0 });
    expect(await sendExpiryNotices(db(), { now: after(1) })).toEqual({ expiring: 0, expired: 0 });
    expect((await ownerNotices("registration.expiring")).map((n) => n.message)).toEqual([expect.stringContaining(`expires on ${isoDay(expiresAt)} (5 days left)`)]);

    const [before] = await findMatchingRegistrations(db(), { kind: "ip", value: "10.20.3.4" }, after(4));
    expect(before?.id).toBe(reg.id);
    expect(await findMatchingRegistrations(db(), { kind: "ip", value: "10.20.3.4" }, after(6))).toEqual([]);

    const [a, b] = await Promise.all([sendExpiryNotices(db(), { now: after(6) }), sendExpiryNotices(db(), { now: after(6) })]);
    expect(a!.expired + b!.expired).toBe(1);
    const audits = await db().auditEvent.findMany({ where: { type: "REGISTRATION_CHANGED", subjectValue: reg.selectorValue, actorKind: "SYSTEM", actorName: "Reflex" } });
    expect(audits.map((e) => e.data)).toEqual([expect.objectContaining({ change: "expired", registrationId: reg.id })]);
    expect(audits[0]!.summary).toContain("no longer protects, the default policy applies");
    expect(await ownerNotices("registration.expired")).toHaveLength(1);
  });

  it("announces a re-certified registration's next expiry again", async () => {
    const reg = await db().protectedAsset.findFirstOrThrow({ where: { ownerId, selectorKind: "cidr" } });
    await db().protectedAsset.update({ where: { id: reg.id }, data: { expiresAt: new Date(start.getTime() + 100 * DAY) } });
    expect(await sendExpiryNotices(db(), { now: after(90) })).toEqual({ expiring: 1, expired: 0 });
  });
});

describe("the notification bell", () => {
  it("lists a person's notices newest first with the unread count, and marks only theirs read", async () => {
    const before = await listNotifications(db(), { userId: ownerId });
    expect(before.unread).toBe(before.items.length);
    expect(before.items[0]?.kind).toBe("registration.expiring");
    const soc = await db().user.findUniqueOrThrow({ where: { email: "soc@example.com" } });
    await db().notification.create({ data: { userId: soc.id, kind: "test", message: "for the SOC" } });
    expect(await markNotificationsRead(db(), { userId: ownerId, now: start })).toEqual({ marked: before.unread });
    expect((await listNotifications(db(), { userId: ownerId })).unread).toBe(0);
    expect((await listNotifications(db(), { userId: soc.id })).unread).toBe(1);
  });
});
