import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { recordingJobSender } from "@/lib/jobs/queues";
import { SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { addWebhookConnector } from "@/lib/server/connectors/add-webhook-connector";
import { ExpectedError } from "@/lib/server/errors";
import { seedDemo } from "@/prisma/seed-demo";
import { sendAlert, wazuhBruteForce } from "@/tests/helpers/pipeline";
import { createReleaseLinks } from "./create-release-link";
import { readReleaseLink } from "./check-release-link";
import { releaseViaLink } from "./release-via-link";

const meta = { ip: "198.51.100.20", userAgent: "bridge-call-phone" };

beforeAll(async () => {
  await seedDemo(db());
  await addWebhookConnector(db(), { input: { name: "soc-slack", url: "http://127.0.0.1:9/hook", secret: "s".repeat(24) }, actor: SYSTEM_ACTOR });
});

/** Contains `ip` through the pipeline and returns the release link its webhook notification carries. */
async function containWithLink(ip: string): Promise<{ containmentId: string; url: string; token: string; event: Record<string, unknown> }> {
  const jobs = recordingJobSender();
  const [outcome] = await sendAlert(wazuhBruteForce(ip), { jobs });
  expect(outcome).toMatchObject({ verdict: "execute" });
  const delivery = jobs.sent.find((j) => j.queue === "webhook.deliver");
  const event = (delivery?.data as { event: Record<string, unknown> }).event;
  expect(event).toMatchObject({ type: "containment.executed", releaseUrl: expect.stringMatching(/\/release\/[^/]+$/) });
  const url = event.releaseUrl as string;
  return { containmentId: outcome!.containmentId!, url, token: url.slice(url.lastIndexOf("/") + 1), event };
}

function use(token: string, reason = "Business impact: the payment gateway", now?: Date) {
  return releaseViaLink(db(), { input: { token, reason, name: "Dana on the bridge" }, meta, jobs: recordingJobSender(), now });
}

describe("release links in webhook notifications", () => {
  it("are in the payload and its Slack text, addressed to the webhook, valid for an hour", async () => {
    const { containmentId, url, event } = await containWithLink("91.240.118.30");
    expect(event.text).toContain(`Release it: ${url} (one use, until`);
    const link = await db().releaseLink.findFirstOrThrow({ where: { containmentId } });
    expect(link).toMatchObject({ addressee: 'webhook "soc-slack"', usedAt: null });
    expect(link.expiresAt.getTime() - link.createdAt.getTime()).toBeGreaterThan(3590_000);
    expect(link.expiresAt.getTime() - link.createdAt.getTime()).toBeLessThanOrEqual(3600_000);
    const issued = await db().auditEvent.findFirstOrThrow({ where: { containmentId, type: "RELEASE_LINK_ISSUED" } });
    expect(issued).toMatchObject({ actorKind: "SYSTEM", subjectValue: "91.240.118.30", data: { linkId: link.id, addressee: 'webhook "soc-slack"', expiresAt: link.expiresAt.toISOString() } });
    expect(issued.summary).toBe(`Issued a single-use release link for 91.240.118.30 to webhook "soc-slack", valid until ${link.expiresAt.toISOString().slice(11, 16)} UTC`);
  });

  it("release once, record who and why, and refuse a second use", async () => {
    const { containmentId, token } = await containWithLink("91.240.118.31");
    const page = await readReleaseLink(db(), token);
    expect(page).toMatchObject({ verdict: { ok: true }, containment: { id: containmentId, status: "ACTIVE", targetValue: "91.240.118.31" } });

    expect(await use(token)).toMatchObject({ ok: true, release: { status: "RELEASED", alreadyReleased: false } });
    expect(await db().containment.findUniqueOrThrow({ where: { id: containmentId } })).toMatchObject({ status: "RELEASED", releaseReason: "Business impact: the payment gateway" });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { containmentId, type: "CONTAINMENT_RELEASED" } });
    expect(audit).toMatchObject({ actorKind: "TOKEN", actorName: 'Dana on the bridge (release link sent to webhook "soc-slack")', actorRole: "release-link", ip: meta.ip });

    expect(await use(token, "again")).toEqual({ ok: false, refusal: "used" });
    expect(await db().auditEvent.count({ where: { containmentId, type: "RELEASE_LINK_REFUSED" } })).toBe(1);
    expect(await readReleaseLink(db(), token)).toMatchObject({ verdict: { ok: false, reason: "used" } });
    expect(await db().auditEvent.count({ where: { containmentId, type: { in: ["CONTAINMENT_RELEASED", "RELEASE_REPEATED"] } } })).toBe(1);
  });

  it("refuse an expired link and an altered one, and release nothing", async () => {
    const { containmentId, token } = await containWithLink("91.240.118.32");
    expect(await use(token, "too late", new Date(Date.now() + 3601_000))).toEqual({ ok: false, refusal: "expired" });
    const last = token.at(-1) === "A" ? "B" : "A";
    expect(await use(`${token.slice(0, -1)}${last}`)).toEqual({ ok: false, refusal: "altered" });
    expect(await use(token.replace(/\.(\d+)\./, (_, s: string) => `.${Number(s) + 3600}.`))).toEqual({ ok: false, refusal: "altered" });
    expect(await readReleaseLink(db(), `${token.slice(0, -1)}${last}`)).toEqual({ verdict: { ok: false, reason: "altered", row: null }, containment: null });
    expect(await use("garbage")).toEqual({ ok: false, refusal: "malformed" });
    const refused = await db().auditEvent.findMany({ where: { containmentId, type: "RELEASE_LINK_REFUSED" }, orderBy: { id: "asc" } });
    expect(refused.map((e) => (e.data as { refusal: string }).refusal)).toEqual(["expired", "altered", "altered"]);
    expect(refused[0]).toMatchObject({ actorName: 'Dana on the bridge (release link sent to webhook "soc-slack")', ip: meta.ip, subjectValue: "91.240.118.32" });
    expect(refused[0]!.summary).toBe('Refused a release link for 91.240.118.32 sent to webhook "soc-slack": it had expired; nothing changed');
    expect((await db().containment.findUniqueOrThrow({ where: { id: containmentId } })).status).toBe("ACTIVE");
    expect(await db().releaseLink.count({ where: { containmentId, usedAt: { not: null } } })).toBe(0);
  });

  it("let exactly one of several simultaneous clicks through", async () => {
    const clicks = 6;
    const { containmentId, token } = await containWithLink("91.240.118.33");
    const results = await Promise.all(Array.from({ length: clicks }, () => use(token)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: clicks - 1 }, () => ({ ok: false, refusal: "used" })));
    expect(await db().auditEvent.count({ where: { containmentId, type: "CONTAINMENT_RELEASED" } })).toBe(1);
    expect(await db().enforcementChange.count({ where: { containmentId, kind: "REMOVED" } })).toBe(1);
  });

  it("two links used at once release once; the other click is recorded as a repeat", async () => {
    const { containmentId, token } = await containWithLink("91.240.118.34");
    const containment = await db().containment.findUniqueOrThrow({ where: { id: containmentId } });
    const [second] = await createReleaseLinks(db(), [{ containment, addressee: "webhook \"noc-teams\"" }]);
    const [a, b] = await Promise.all([use(token), use(second!.token)]);
    expect([a, b].every((r) => r.ok)).toBe(true);
    expect([a, b].map((r) => r.ok && r.release.alreadyReleased).sort()).toEqual([false, true]);
    const types = (await db().auditEvent.findMany({ where: { containmentId, type: { in: ["CONTAINMENT_RELEASED", "RELEASE_REPEATED"] } } })).map((e) => e.type).sort();
    expect(types).toEqual(["CONTAINMENT_RELEASED", "RELEASE_REPEATED"]);
  });

  it("give the link back when the release itself fails", async () => {
    const gone = { id: randomUUID(), targetKind: "ip", targetValue: "192.0.2.99", decisionId: null, policyVersion: null, playbookKey: null };
    const [link] = await createReleaseLinks(db(), [{ containment: gone, addressee: "webhook \"soc-slack\"" }]);
    await expect(use(link!.token)).rejects.toBeInstanceOf(ExpectedError);
    expect((await db().releaseLink.findUniqueOrThrow({ where: { id: link!.id } })).usedAt).toBeNull();
  });
});
