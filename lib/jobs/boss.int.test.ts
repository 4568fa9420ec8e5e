import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { bossJobSender, stopBoss } from "./boss";
import type { TJob } from "./queues";

// pg-boss on this file's database: a batch must store each job exactly as a single send
// stores it (retries, start time, singleton key), so workers cannot tell them apart.

afterAll(async () => {
  await stopBoss();
});

type TJobRow = {
  name: string;
  data: unknown;
  start_after: Date | null;
  singleton_key: string | null;
  retry_limit: number;
  retry_delay: number;
  retry_backoff: boolean;
  expire_in: string;
  policy: string;
  keep_until_after_start: string;
};

/** The jobs naming `id`, with `id` taken out so that two sets compare; start_after null means at once. */
async function stored(id: string): Promise<TJobRow[]> {
  return db().$queryRaw<TJobRow[]>`
    SELECT name, data - 'containmentId' - 'connectorId' AS data, NULLIF(start_after, created_on) AS start_after, replace(singleton_key, ${id}, 'ID') AS singleton_key,
      retry_limit, retry_delay, retry_backoff, expire_in::text, policy, (keep_until - start_after)::text AS keep_until_after_start
    FROM pgboss.job WHERE ${id} IN (data->>'containmentId', data->>'connectorId')
    ORDER BY name`;
}

function jobsFor(id: string, startAfter: Date): TJob[] {
  return [
    { queue: "containment.expire", data: { containmentId: id }, options: { startAfter, singletonKey: `expire:${id}` } },
    { queue: "containment.execute", data: { containmentId: id }, options: { singletonKey: `execute:${id}` } },
    { queue: "webhook.deliver", data: { connectorId: id, event: { type: "containment.executed", text: "hello" } } },
  ];
}

describe("bossJobSender.sendManyWithin before the engine has started", () => {
  it("refuses at once instead of starting it inside the caller's transaction", async () => {
    // Starting it there waited on PGlite's one session, held by the transaction itself, until the transaction timed out.
    const id = randomUUID();
    await expect(db().$transaction((tx) => bossJobSender.sendManyWithin(tx, jobsFor(id, new Date())))).rejects.toThrow("The job engine is not running in this process");
    // Nor was it started: its schema would exist now.
    const [schema] = await db().$queryRaw<{ present: boolean }[]>`SELECT to_regnamespace('pgboss') IS NOT NULL AS "present"`;
    expect(schema?.present).toBe(false);
  });
});

describe("bossJobSender.sendMany", () => {
  it("stores a batch as the same jobs one send each would", async () => {
    const startAfter = new Date(Date.now() + 3_600_000);
    const [one, many] = [randomUUID(), randomUUID()];
    for (const j of jobsFor(one, startAfter)) await bossJobSender.send(j.queue, j.data as never, j.options);
    await bossJobSender.sendMany(jobsFor(many, startAfter));

    const singles = await stored(one);
    expect(singles).toHaveLength(3);
    expect(await stored(many)).toEqual(singles);
    expect(singles[0]).toMatchObject({
      name: "containment.execute", start_after: null, singleton_key: "execute:ID", retry_limit: 5, retry_delay: 2, retry_backoff: true,
    });
    expect(singles[1]).toMatchObject({ name: "containment.expire", start_after: startAfter, singleton_key: "expire:ID" });
  });
});

describe("bossJobSender.sendManyWithin", () => {
  it("stores the same jobs in the caller's transaction: committed with it, or gone with it", async () => {
    const startAfter = new Date(Date.now() + 3_600_000);
    const [one, kept, dropped] = [randomUUID(), randomUUID(), randomUUID()];
    for (const j of jobsFor(one, startAfter)) await bossJobSender.send(j.queue, j.data as never, j.options);

    await db().$transaction((tx) => bossJobSender.sendManyWithin(tx, jobsFor(kept, startAfter)));
    expect(await stored(kept)).toEqual(await stored(one));

    const rolledBack = new Error("the change these jobs announce failed");
    await expect(
      db().$transaction(async (tx) => {
        await bossJobSender.sendManyWithin(tx, jobsFor(dropped, startAfter));
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(await stored(dropped)).toEqual([]);
  });
});
