import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, poolOf } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma";
import { appendAuditEvents, SYSTEM_ACTOR, type TAuditInput } from "@/lib/server/audit/append-audit";
import { inPgTransaction, pgRawSql, runsInTransaction, type TRawSql } from "./raw-sql";

// The loop's statements run through Prisma in some places and straight on pg in others
// (raw-sql.ts): both must read and write the same values.

const zone = process.env.TZ;
beforeAll(async () => {
  // A zone far from UTC: timestamps without time zone must not shift with it.
  process.env.TZ = "America/Los_Angeles";
  await db().$executeRawUnsafe(`CREATE TABLE "RawSqlProbe" ("id" int8 PRIMARY KEY, "at" timestamp(3) NOT NULL, "ats" timestamp(3)[] NOT NULL, "doc" jsonb NOT NULL, "tags" text[] NOT NULL, "kind" "ActorKind" NOT NULL)`);
});
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

const at = new Date("2026-03-08T09:30:15.123Z");

describe("raw SQL straight on pg", () => {
  it("writes and reads every column as Prisma's raw queries do", async () => {
    const direct = pgRawSql(poolOf(db()));
    await direct.$executeRawUnsafe(
      `INSERT INTO "RawSqlProbe" VALUES ($1, $2, ARRAY[$2::timestamp(3)], $3::jsonb, $4, 'USER')`,
      9007199254740993n,
      at,
      JSON.stringify({ a: [1, "b"] }),
      ["x", "y"],
    );
    const select = `SELECT * FROM "RawSqlProbe"`;
    const viaPg = await direct.$queryRawUnsafe<unknown[]>(select);
    expect(viaPg).toEqual(await db().$queryRawUnsafe<unknown[]>(select));
    expect(viaPg).toEqual([{ id: 9007199254740993n, at, ats: [at], doc: { a: [1, "b"] }, tags: ["x", "y"], kind: "USER" }]);
  });

  it("sends Dates inside arrays as UTC too, reads NULL inside timestamp arrays, and refuses Prisma.sql fragments", async () => {
    const direct = pgRawSql(poolOf(db()));
    expect(await direct.$queryRawUnsafe(`SELECT $1::timestamp(3)[] AS ats, ARRAY[NULL, $2::timestamp(3)] AS gaps`, [at, at], at)).toEqual([{ ats: [at, at], gaps: [null, at] }]);
    await expect(direct.$queryRawUnsafe(`SELECT $1`, Prisma.sql`SELECT 1`)).rejects.toThrow(/positional parameters/);
  });

  it("takes template queries with their values as parameters", async () => {
    const direct = pgRawSql(poolOf(db()));
    const text = "it's $1";
    expect(await direct.$queryRaw<{ t: string; n: number }[]>`SELECT ${text}::text AS t, ${41}::int + 1 AS n`).toEqual([{ t: text, n: 42 }]);
    expect(await direct.$executeRaw`UPDATE "RawSqlProbe" SET "tags" = ${["z"]} WHERE "id" = ${9007199254740993n}`).toBe(1);
  });

  it("commits a transaction's work when it resolves and nothing of it when it throws", async () => {
    const pool = poolOf(db());
    await inPgTransaction(pool, (tx) => tx.$executeRawUnsafe(`INSERT INTO "RawSqlProbe" VALUES (1, $1, '{}', '{}', '{}', 'SYSTEM')`, at));
    await expect(
      inPgTransaction(pool, async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO "RawSqlProbe" VALUES (2, $1, '{}', '{}', '{}', 'SYSTEM')`, at);
        throw new Error("the caller failed");
      }),
    ).rejects.toThrow("the caller failed");
    const ids = await db().$queryRawUnsafe<{ id: bigint }[]>(`SELECT "id" FROM "RawSqlProbe" WHERE "id" < 100 ORDER BY "id"`);
    expect(ids.map((r) => r.id)).toEqual([1n]);
    // A statement sent once the transaction is over is refused, not run on its own.
    let late: TRawSql | null = null;
    await inPgTransaction(pool, async (tx) => {
      late = tx;
    });
    await expect(late!.$queryRawUnsafe(`SELECT 1`)).rejects.toThrow(/has ended/);
    // Both connections went back to the pool outside any transaction.
    const open = await pgRawSql(pool).$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`);
    expect(open).toEqual([{ n: 0 }]);
  });

  it("keeps the audit chain out of sessions whose statements commit on their own", async () => {
    const event: TAuditInput<"ALERT_REJECTED"> = { type: "ALERT_REJECTED", actor: SYSTEM_ACTOR, data: { reason: "probe", format: "generic", source: "test", externalId: "1" }, summary: "probe" };
    await expect(appendAuditEvents(pgRawSql(poolOf(db())), [event])).rejects.toThrow(/transaction/);
    await expect(appendAuditEvents(db(), [event])).rejects.toThrow(/transaction/);
    expect(runsInTransaction(pgRawSql(poolOf(db())))).toBe(false);
    await inPgTransaction(poolOf(db()), async (tx) => expect(runsInTransaction(tx)).toBe(true));
  });
});
