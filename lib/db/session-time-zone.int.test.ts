import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient, db, databaseUrl, poolOf } from "@/lib/db/client";
import { pgRawSql } from "./raw-sql";

// Columns are timestamp(3) holding UTC, as Prisma writes them. Rows the loop inserts in raw
// SQL take DEFAULT CURRENT_TIMESTAMP, which a timestamp column reads in the session's time
// zone: on a server or database set to another zone they were stored hours off.

const probe = `CREATE TABLE "TimeZoneProbe" ("id" int PRIMARY KEY, "at" timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP)`;
let client: ReturnType<typeof createPrismaClient> | null = null;

afterAll(async () => {
  await client?.$disconnect();
  await db().$executeRawUnsafe(`DROP TABLE IF EXISTS "TimeZoneProbe"`);
});

// PGlite serves every connection on one session, which lib/db/embedded.ts sets to UTC when
// it starts; a database-level setting reaches no new session there, so this runs on
// PostgreSQL only.
const onPglite = inject("templateDatabase").kind === "pglite";

describe.skipIf(onPglite)("session time zone (PostgreSQL)", () => {
  it("stores database defaults in UTC even where the database's own zone is another", async () => {
    const [{ name }] = (await db().$queryRawUnsafe<{ name: string }[]>(`SELECT current_database()::text AS name`)) as [{ name: string }];
    await db().$executeRawUnsafe(`ALTER DATABASE "${name}" SET TimeZone = 'America/Los_Angeles'`);
    await db().$executeRawUnsafe(probe);
    // A client made now opens sessions that start with the database's setting.
    client = createPrismaClient(databaseUrl());
    const direct = pgRawSql(poolOf(client));
    await direct.$executeRawUnsafe(`INSERT INTO "TimeZoneProbe" ("id") VALUES (1)`);
    const [{ at }] = (await client.$queryRawUnsafe<{ at: Date }[]>(`SELECT "at" FROM "TimeZoneProbe"`)) as [{ at: Date }];
    expect(Math.abs(at.getTime() - Date.now())).toBeLessThan(10 * 60_000);
    const [{ zone }] = (await direct.$queryRawUnsafe<{ zone: string }[]>(`SELECT current_setting('TimeZone') AS zone`)) as [{ zone: string }];
    expect(zone).toBe("UTC");
  });
});
