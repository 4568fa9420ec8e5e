import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { startSearchIndexer } from "@/lib/jobs/search-indexer";
import { parseFeedQuery } from "@/lib/server/audit-feed/feed-query";
import { listAuditEvents } from "@/lib/server/audit-feed/list-audit-events";
import { appendAuditEvents, SYSTEM_ACTOR, type TAuditInput } from "./append-audit";
import { auditSearchBacklog, drainAuditSearchQueue, indexAuditSearch, requeueUnindexedAuditEvents } from "./index-audit-search";

// Search is filled out of the append's transaction; these tests hold that nothing is ever
// missing from it or found twice, whichever side of the indexer an event is on.

const word = () => `w${Math.random().toString(36).slice(2, 10)}`;

function drill(summary: string, subject = { kind: "ip", value: "192.0.2.77" }): TAuditInput<"KILL_SWITCH_CHANGED"> {
  return { type: "KILL_SWITCH_CHANGED", actor: SYSTEM_ACTOR, subject, data: { engaged: false, reason: "drill" }, summary };
}

async function write(inputs: TAuditInput<"KILL_SWITCH_CHANGED">[]): Promise<bigint[]> {
  return (await db().$transaction((tx) => appendAuditEvents(tx, inputs), { timeout: 60_000 })).map((e) => e.id);
}

async function search(params: Record<string, string>) {
  return listAuditEvents(db(), parseFeedQuery(params));
}

/** Every id the feed gives for these words, page after page. */
async function allPages(q: string, limit: number, filters: Record<string, string> = {}): Promise<bigint[]> {
  const ids: bigint[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof search>> = await search({ ...filters, q, limit: String(limit), ...(cursor ? { cursor } : {}) });
    ids.push(...page.events.map((e) => BigInt(e.id)));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

const queued = async (ids: bigint[]) => db().auditSearchQueue.count({ where: { eventId: { in: ids } } });
const indexed = async (ids: bigint[]) => db().auditSearch.count({ where: { eventId: { in: ids } } });

describe("audit search out of the append's transaction", () => {
  it("finds an event by its words from its commit on, before and after the indexer takes it, exactly once", async () => {
    await drainAuditSearchQueue(db());
    const term = word();
    const [id] = await write([drill(`Drill ${term} on the perimeter`)]);
    expect(await queued([id!])).toBe(1);
    expect(await indexed([id!])).toBe(0);

    const before = await search({ q: term });
    expect(before.events.map((e) => e.id)).toEqual([id!.toString()]);
    expect((await search({ q: term, entity: "192.0.2.77" })).events.map((e) => e.id)).toEqual([id!.toString()]);

    expect(await indexAuditSearch(db())).toBe(1);
    expect(await queued([id!])).toBe(0);
    expect(await indexed([id!])).toBe(1);
    expect((await search({ q: term })).events.map((e) => e.id)).toEqual([id!.toString()]);
    expect((await search({ q: term, entity: "192.0.2.0/24" })).events.map((e) => e.id)).toEqual([id!.toString()]);
    expect((await search({ q: `${term} perimeter`, type: "KILL_SWITCH_CHANGED" })).events.map((e) => e.id)).toEqual([id!.toString()]);
    expect((await search({ q: `${term} nowhere` })).events).toEqual([]);
  });

  it("answers a rare term and a common one newest first across indexed and queued events, every match on exactly one page", async () => {
    await drainAuditSearchQueue(db());
    const rare = word();
    const [rareOld] = await write([drill(`Drill ${rare} early`)]);
    const common = word();
    // More matches than the rare-term probe keeps (2,000), so the feed walks newest first, with
    // a cursor, until fewer than 2,000 are left below it.
    const ids = await write(Array.from({ length: 2300 }, (_, i) => drill(`Drill ${common} number ${i}`)));
    // The early rare event and the oldest 1,200 common ones are indexed; the rest stay queued.
    expect(await indexAuditSearch(db(), { limit: 1201 })).toBe(1201);
    const [rareNew] = await write([drill(`Drill ${rare} late`)]);
    expect(await indexed([rareOld!, ...ids])).toBe(1201);
    expect(await queued([rareNew!, ...ids])).toBe(1101);
    expect((await search({ q: rare })).events.map((e) => BigInt(e.id))).toEqual([rareNew!, rareOld!]);

    const newestFirst = [...ids].sort((a, b) => (a > b ? -1 : 1));
    const firstPage = await search({ q: common, limit: "50" });
    expect(firstPage.events.map((e) => BigInt(e.id))).toEqual(newestFirst.slice(0, 50));
    expect(await allPages(common, 50)).toEqual(newestFirst);
    expect(await allPages(common, 50, { type: "KILL_SWITCH_CHANGED", to: new Date(Date.now() + 60_000).toISOString() })).toEqual(newestFirst);
    expect(await allPages(common, 50, { type: "DECIDED" })).toEqual([]);

    await drainAuditSearchQueue(db());
    expect(await allPages(common, 50)).toEqual(newestFirst);
  });

  it("shares the queue between indexers running at once without taking an event twice", async () => {
    await drainAuditSearchQueue(db());
    const ids = await write(Array.from({ length: 600 }, (_, i) => drill(`Drill ${word()} shared ${i}`)));
    const taken = await Promise.all([drainAuditSearchQueue(db(), { limit: 100 }), drainAuditSearchQueue(db(), { limit: 100 }), drainAuditSearchQueue(db(), { limit: 100 })]);
    expect(taken.reduce((a, b) => a + b, 0)).toBe(600);
    expect(await indexed(ids)).toBe(600);
    expect(await auditSearchBacklog(db())).toBe(0);
  });

  it("queues again an event an older version wrote without queuing it (npx reflex audit reindex), once", async () => {
    const term = word();
    const [id] = await write([drill(`Drill ${term} from the old version`)]);
    // What a process of the previous version leaves: the event, and no queue row.
    await db().$executeRawUnsafe(`DELETE FROM "AuditSearchQueue" WHERE "eventId" = ${id}`);
    expect((await search({ q: term })).events).toEqual([]);

    expect(await requeueUnindexedAuditEvents(db())).toBe(1);
    expect((await search({ q: term })).events.map((e) => e.id)).toEqual([id!.toString()]);
    expect(await requeueUnindexedAuditEvents(db())).toBe(0);
    await drainAuditSearchQueue(db());
    expect(await requeueUnindexedAuditEvents(db())).toBe(0);
    expect((await search({ q: term })).events.map((e) => e.id)).toEqual([id!.toString()]);
  });

  it("counts the backlog, up to a cap when asked", async () => {
    await drainAuditSearchQueue(db());
    await write(Array.from({ length: 30 }, (_, i) => drill(`Drill ${word()} backlog ${i}`)));
    expect(await auditSearchBacklog(db())).toBe(30);
    expect(await auditSearchBacklog(db(), { cap: 10 })).toBe(10);
    await drainAuditSearchQueue(db());
    expect(await auditSearchBacklog(db(), { cap: 10 })).toBe(0);
  });

  it("stops draining between statements when told to, leaving the rest queued", async () => {
    await drainAuditSearchQueue(db());
    const ids = await write(Array.from({ length: 300 }, (_, i) => drill(`Drill ${word()} interrupted ${i}`)));
    let statements = 0;
    expect(await drainAuditSearchQueue(db(), { limit: 100, goOn: () => statements++ < 1 })).toBe(100);
    expect(await queued(ids)).toBe(200);
  });

  it("runs as a loop beside the job workers until stopped", async () => {
    const indexer = startSearchIndexer(db(), { pauseMs: 20 });
    try {
      const ids = await write([drill(`Drill ${word()} loop`)]);
      await vi.waitFor(async () => expect(await indexed(ids)).toBe(1), { timeout: 10_000, interval: 20 });
      const later = await write([drill(`Drill ${word()} loop again`)]);
      await vi.waitFor(async () => expect(await indexed(later)).toBe(1), { timeout: 10_000, interval: 20 });
    } finally {
      await indexer.stop();
    }
    const afterStop = await write([drill(`Drill ${word()} after the stop`)]);
    // Stopped: nothing takes it any more (an index pass here would have a second to run).
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await queued(afterStop)).toBe(1);
  });
});
