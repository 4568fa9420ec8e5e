import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { appendAudit, appendAuditEvents, SYSTEM_ACTOR } from "./append-audit";
import { verifyAuditChain } from "./verify-audit-chain";

async function writeKillSwitchEvents(count: number, subject?: { kind: string; value: string }) {
  for (let i = 0; i < count; i++) {
    await db().$transaction((tx) =>
      appendAudit(tx, {
        type: "KILL_SWITCH_CHANGED",
        actor: SYSTEM_ACTOR,
        subject,
        data: { engaged: i % 2 === 0, reason: `drill ${i}` },
        summary: `Kill switch drill ${i}`,
      }),
    );
  }
}

describe("audit log", () => {
  it("refuses UPDATE, DELETE and TRUNCATE at the database", async () => {
    await writeKillSwitchEvents(1);
    await expect(db().$executeRawUnsafe(`UPDATE "AuditEvent" SET "summary" = 'edited'`)).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect(await db().auditEvent.count()).toBeGreaterThan(0);
  });

  it("chains events per partition and verifies them", async () => {
    await writeKillSwitchEvents(3, { kind: "ip", value: "203.0.113.9" });
    const reports = await verifyAuditChain(db());
    expect(reports.every((r) => r.ok)).toBe(true);
    const withEvents = reports.filter((r) => r.events > 0);
    expect(withEvents.length).toBeGreaterThan(0);
  });

  it("keeps concurrent writers of one partition in a gapless chain", async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db().$transaction((tx) =>
          appendAudit(tx, {
            type: "KILL_SWITCH_CHANGED",
            actor: SYSTEM_ACTOR,
            subject: { kind: "ip", value: "198.51.100.7" },
            data: { engaged: true, reason: `parallel ${i}` },
            summary: `parallel ${i}`,
          }),
        ),
      ),
    );
    const reports = await verifyAuditChain(db());
    expect(reports.filter((r) => !r.ok)).toEqual([]);
  });

  it("chains several events of one transaction on its head, and a rolled-back transaction leaves no gap", async () => {
    const event = (i: number) => ({ type: "KILL_SWITCH_CHANGED" as const, actor: SYSTEM_ACTOR, subject: { kind: "ip", value: "192.0.2.44" }, data: { engaged: false, reason: `batch ${i}` }, summary: `batch ${i}` });
    await expect(
      db().$transaction(async (tx) => {
        for (let i = 0; i < 3; i++) await appendAudit(tx, event(i));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await db().$transaction(async (tx) => {
      for (let i = 3; i < 6; i++) await appendAudit(tx, event(i));
    });
    const rows = await db().auditEvent.findMany({ where: { subjectValue: "192.0.2.44" }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.summary)).toEqual(["batch 3", "batch 4", "batch 5"]);
    expect(rows.map((r) => r.partitionSeq - rows[0]!.partitionSeq)).toEqual([0n, 1n, 2n]);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect((await verifyAuditChain(db())).filter((r) => !r.ok)).toEqual([]);
  });

  it("writes a list of events in its order, chained, after the events already in the transaction", async () => {
    const event = (i: number) => ({ type: "KILL_SWITCH_CHANGED" as const, actor: SYSTEM_ACTOR, subject: { kind: "ip", value: "192.0.2.45" }, data: { engaged: true, reason: `list ${i}` }, summary: `list ${i}` });
    const written = await db().$transaction(async (tx) => {
      const first = await appendAudit(tx, event(0));
      return [first, ...(await appendAuditEvents(tx, [event(1), event(2), event(3)]))];
    });
    const rows = await db().auditEvent.findMany({ where: { subjectValue: "192.0.2.45" }, orderBy: { partitionSeq: "asc" } });
    expect(rows.map((r) => r.summary)).toEqual(["list 0", "list 1", "list 2", "list 3"]);
    expect(rows.map((r) => r.id)).toEqual(written.map((w) => w.id));
    expect(rows.slice(1).map((r) => r.prevHash)).toEqual(rows.slice(0, -1).map((r) => r.hash));
    expect((await verifyAuditChain(db())).filter((r) => !r.ok)).toEqual([]);
  });

  it("hashes data as the database gives it back: Dates, undefined members, holes and awkward numbers", async () => {
    const details = {
      at: new Date("2026-03-08T09:30:15.123Z"),
      gone: undefined,
      list: [1, undefined, "é\u2028", { z: -0, a: 0.1 + 0.2 }],
      big: 1e21,
      small: 5e-7,
    };
    await db().$transaction((tx) =>
      appendAudit(tx, {
        type: "CAMPAIGN_CHANGED",
        actor: SYSTEM_ACTOR,
        subject: { kind: "campaign", value: "awkward-data" },
        data: { change: "edited", campaignId: "c-1", details },
        summary: "Campaign edited with awkward details",
      }),
    );
    const stored = await db().auditEvent.findFirstOrThrow({ where: { subjectValue: "awkward-data" } });
    expect(stored.data).toEqual({ change: "edited", campaignId: "c-1", details: { at: "2026-03-08T09:30:15.123Z", list: [1, null, "é\u2028", { z: 0, a: 0.30000000000000004 }], big: 1e21, small: 5e-7 } });
    expect((await verifyAuditChain(db())).every((r) => r.ok)).toBe(true);
  });

  it("refuses to write outside the transaction of the change", async () => {
    const root = db() as unknown as Parameters<typeof appendAudit>[0];
    await expect(appendAudit(root, { type: "KILL_SWITCH_CHANGED", actor: SYSTEM_ACTOR, data: { engaged: false, reason: "x" }, summary: "x" })).rejects.toThrow(/transaction/);
  });

  it("names the first forged event", async () => {
    await writeKillSwitchEvents(2, { kind: "ip", value: "192.0.2.44" });
    const victim = await db().auditEvent.findFirstOrThrow({ where: { subjectValue: "192.0.2.44" }, orderBy: { id: "asc" } });
    // Someone with table-owner rights switches the guard off to rewrite history.
    await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
      await tx.$executeRawUnsafe(`UPDATE "AuditEvent" SET "summary" = 'nothing happened' WHERE "id" = ${victim.id}`);
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
    });
    const broken = (await verifyAuditChain(db())).find((r) => !r.ok);
    expect(broken).toMatchObject({ ok: false, partition: victim.partition, brokenAtId: victim.id });
  });

  it("catches a forged row inserted into a chain", async () => {
    await writeKillSwitchEvents(1, { kind: "ip", value: "192.0.2.45" });
    const last = await db().auditEvent.findFirstOrThrow({ where: { subjectValue: "192.0.2.45" }, orderBy: { id: "desc" } });
    await db().auditEvent.create({
      data: {
        partition: last.partition,
        partitionSeq: last.partitionSeq + 1n,
        type: "CONTAINMENT_RELEASED",
        actorKind: "USER",
        actorName: "Mallory",
        data: {},
        summary: "forged",
        prevHash: last.hash,
        hash: "0".repeat(64),
      },
    });
    const broken = (await verifyAuditChain(db())).find((r) => !r.ok);
    expect(broken?.ok).toBe(false);
    expect(broken && !broken.ok && broken.reason).toMatch(/hash mismatch/);
  });
});
