import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { seedDemo } from "@/prisma/seed-demo";
import { sendAlert, wazuhBruteForce } from "@/tests/helpers/pipeline";
import { advanceChainCheckpoint } from "./advance-chain-checkpoint";
import { parseFeedQuery } from "./feed-query";
import { listAuditEvents } from "./list-audit-events";

beforeAll(async () => {
  await seedDemo(db());
});

async function drill(label: string, subject = { kind: "ip", value: `192.0.2.${Math.floor(Math.random() * 250)}` }) {
  return db().$transaction((tx) =>
    appendAudit(tx, { type: "KILL_SWITCH_CHANGED", actor: SYSTEM_ACTOR, subject, data: { engaged: false, reason: label }, summary: `Drill ${label}` }),
  );
}

async function page(params: Record<string, string>) {
  return listAuditEvents(db(), parseFeedQuery(params));
}

describe("audit feed", () => {
  it("pages newest first on id, stable while events keep arriving", async () => {
    for (let i = 0; i < 40; i++) await drill(`before ${i}`);
    const before = (await db().auditEvent.findMany({ select: { id: true }, orderBy: { id: "desc" } })).map((e) => e.id.toString());

    const seen: string[] = [];
    let cursor: string | null = null;
    let writers: Promise<unknown>[] = [];
    let first = true;
    do {
      const result: Awaited<ReturnType<typeof page>> = await page({ limit: "7", ...(cursor ? { cursor } : {}) });
      seen.push(...result.events.map((e) => e.id));
      cursor = result.nextCursor;
      // Concurrent writers between every page, in several partitions at once.
      writers.push(...Array.from({ length: 3 }, (_, i) => drill(`during ${seen.length}-${i}`)));
      if (first) {
        await Promise.all(writers);
        writers = [];
        first = false;
      }
    } while (cursor);
    await Promise.all(writers);

    expect(new Set(seen).size).toBe(seen.length);
    const asNumbers = seen.map(BigInt);
    expect(asNumbers.every((id, i) => i === 0 || id < asNumbers[i - 1]!)).toBe(true);
    // Everything that existed when paging began is on exactly one page.
    const top = asNumbers[0]!;
    expect(seen.filter((id) => BigInt(id) <= top && before.includes(id))).toEqual(before.filter((id) => BigInt(id) <= top));
  });

  it("filters by kind, verdict, actor, playbook, policy version, time and words", async () => {
    await sendAlert(wazuhBruteForce("91.240.118.9"));
    const containments = await page({ type: "containments" });
    expect(containments.events.length).toBeGreaterThan(0);
    expect(containments.events.every((e) => e.type === "CONTAINMENT_EXECUTED" || e.type === "CONTAINMENT_FAILED")).toBe(true);

    const executed = await page({ verdict: "execute" });
    expect(executed.events.map((e) => e.typed?.type === "DECIDED" && e.typed.data.verdict)).toContain("execute");
    expect((await page({ verdict: "inaction" })).events.every((e) => e.typed?.type === "DECIDED" && e.typed.data.verdict !== "execute")).toBe(true);

    const people = await page({ actorKind: "person" });
    expect(people.events.length).toBeGreaterThan(0);
    expect(people.events.every((e) => e.actor.kind === "USER")).toBe(true);
    expect((await page({ actor: "Priya Raman" })).events.every((e) => e.actor.name === "Priya Raman")).toBe(true);

    const playbook = await page({ playbook: "brute-force-ip", policyVersion: "1" });
    expect(playbook.events.map((e) => e.type)).toEqual(expect.arrayContaining(["ASSESSED", "DECIDED", "CONTAINMENT_EXECUTED"]));
    expect(playbook.events.every((e) => e.subject.playbookKey === "brute-force-ip" && e.subject.policyVersion === 1)).toBe(true);
    expect((await page({ policyVersion: "99" })).events).toEqual([]);

    const words = await page({ q: "perimeter 91.240.118.9" });
    expect(words.events.map((e) => e.type)).toEqual(["CONTAINMENT_EXECUTED"]);
    expect((await page({ q: '"Priya Raman registered"' })).events.length).toBeGreaterThan(0);

    expect((await page({ from: new Date(Date.now() + 60_000).toISOString() })).events).toEqual([]);
    expect((await page({ to: "2000-01-01" })).events).toEqual([]);
  });

  it("marks escalations that passed their SLA unanswered", async () => {
    const [outcome] = await sendAlert({ ...(wazuhBruteForce("10.20.4.4") as object) });
    expect(outcome).toMatchObject({ verdict: "escalate" });
    const escalation = await db().escalation.findUniqueOrThrow({ where: { id: outcome!.escalationId! } });
    const opened = (await page({ type: "ESCALATION_OPENED", entity: "10.20.4.4" })).events[0]!;
    expect(opened.sla).toMatchObject({ state: "open", status: "OPEN" });
    const later = await listAuditEvents(db(), parseFeedQuery({ type: "ESCALATION_OPENED", entity: "10.20.4.4" }), new Date(escalation.slaDueAt.getTime() + 1000));
    expect(later.events[0]!.sla).toMatchObject({ state: "overdue" });
  });
});

describe("chain checkpoint", () => {
  it("advances a bounded step per call until it has verified every event", async () => {
    for (let i = 0; i < 30; i++) await drill(`chain ${i}`);
    const total = await db().auditEvent.count();
    const newest = await db().auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    const step = await advanceChainCheckpoint(db(), { budget: 10 });
    expect(step.state).toBe("catching-up");
    expect(step.verifiedEvents).toBe(10);
    let status = step;
    for (let i = 0; i < 100 && status.state !== "verified"; i++) status = await advanceChainCheckpoint(db(), { budget: 50 });
    expect(status).toMatchObject({ state: "verified", verifiedEvents: total, pendingEvents: 0, verifiedUpToId: newest.id });
    expect(status.sentence).toBe(`Hash chain verified up to event #${newest.id} (${total.toLocaleString("en")} events in 16 chains).`);

    // Calls at the same time merge their progress instead of overwriting it.
    await drill("after");
    const both = await Promise.all([advanceChainCheckpoint(db()), advanceChainCheckpoint(db())]);
    expect(both.map((s) => s.state)).toEqual(["verified", "verified"]);
    expect((await advanceChainCheckpoint(db())).verifiedEvents).toBe(total + 1);
  });

  it("reports a forged event after the checkpoint and where it is", async () => {
    await advanceChainCheckpoint(db(), { budget: 100_000 });
    const { id } = await drill("to be forged", { kind: "ip", value: "192.0.2.200" });
    await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
      await tx.$executeRawUnsafe(`UPDATE "AuditEvent" SET "summary" = 'nothing happened' WHERE "id" = ${id}`);
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
    });
    const status = await advanceChainCheckpoint(db());
    expect(status.state).toBe("broken");
    expect(status.broken[0]).toMatchObject({ id });
    expect(status.sentence).toMatch(new RegExp(`^Chain broken in partition \\d+ at event #${id}: hash mismatch`));
    expect(status.verifiedUpToId).toBe(id - 1n);
  });
});
