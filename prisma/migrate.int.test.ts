import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, MigrationError, readMigrationFiles, type TMigrationFile } from "./migrate";

// Each case migrates its own schema (search_path), which works the same on PostgreSQL
// and PGlite, so a "fresh" database costs no new server.

const clients: pg.Client[] = [];

async function scratch(): Promise<{ client: pg.Client; schema: string }> {
  const schema = `scratch_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client(process.env.DATABASE_URL);
  await client.connect();
  clients.push(client);
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  return { client, schema };
}

afterEach(async () => {
  for (const c of clients.splice(0)) await c.end();
});

/** A scratch schema with every migration before `name` applied, to test `name` on it. */
async function migratedUpTo(name: string): Promise<{ client: pg.Client; schema: string; files: TMigrationFile[] }> {
  const files = await readMigrationFiles();
  const { client, schema } = await scratch();
  await applyMigrations(client, files.slice(0, files.findIndex((f) => f.name === name)));
  await client.query(`SET search_path TO ${schema}`);
  return { client, schema, files };
}

/** Everything that makes up a schema, with the schema's own name masked out. */
async function fingerprint(client: pg.Client, schema: string): Promise<string> {
  const queries = [
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default FROM information_schema.columns WHERE table_schema = $1 AND table_name <> '_prisma_migrations' ORDER BY 1, 2`,
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY 1, 2`,
    `SELECT event_object_table, trigger_name, event_manipulation, action_timing, action_statement FROM information_schema.triggers WHERE trigger_schema = $1 ORDER BY 1, 2, 3`,
    `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = $1::regnamespace ORDER BY 1`,
    `SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = $1::regnamespace GROUP BY 1 ORDER BY 1`,
    `SELECT partition, seq, hash FROM "AuditChainHead" ORDER BY 1`,
  ];
  // PGlite serves every connection from one session, so a SET on another client would
  // leak in: pin this schema right before reading it.
  await client.query(`SET search_path TO ${schema}`);
  const parts: unknown[] = [];
  for (const q of queries) parts.push((await client.query(q, q.includes("$1") ? [schema] : [])).rows);
  return JSON.stringify(parts).replaceAll(schema, "<schema>");
}

describe("migration runner", () => {
  it("brings a fresh database and an already-migrated one to the same schema", async () => {
    const files = await readMigrationFiles();
    const fresh = await scratch();
    expect((await applyMigrations(fresh.client, files)).applied).toEqual(files.map((f) => f.name));

    // An older install: migrated up to some earlier point, then upgraded.
    const older = await scratch();
    await applyMigrations(older.client, files.slice(0, Math.max(1, files.length - 1)));
    await older.client.query(`SET search_path TO ${older.schema}`);
    await applyMigrations(older.client, files);
    const again = await applyMigrations(older.client, files);
    expect(again).toEqual({ applied: [], alreadyApplied: files.length });

    const a = await fingerprint(fresh.client, fresh.schema);
    expect(a).toContain("AuditEvent_append_only");
    const b = await fingerprint(older.client, older.schema);
    expect(b).toBe(a);
  });

  it("records each migration in Prisma's bookkeeping with its checksum", async () => {
    const files = await readMigrationFiles();
    const { client } = await scratch();
    await applyMigrations(client, files);
    const { rows } = await client.query(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(files.map((f) => [f.name, f.checksum]));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it("refuses to run when an applied migration's file was edited", async () => {
    const files = await readMigrationFiles();
    const { client } = await scratch();
    await applyMigrations(client, files);
    const edited: TMigrationFile[] = files.map((f, i) => (i === 0 ? { ...f, sql: `${f.sql}\n-- tweak`, checksum: "f".repeat(64) } : f));
    await expect(applyMigrations(client, edited)).rejects.toThrow(MigrationError);
    await expect(applyMigrations(client, edited)).rejects.toThrow(/was edited after it was applied/);
  });

  it("refuses to run when an applied migration's folder is missing", async () => {
    const files = await readMigrationFiles();
    const { client } = await scratch();
    await applyMigrations(client, files);
    await expect(applyMigrations(client, [])).rejects.toThrow(/folder is missing/);
  });

  it("rolls a failing migration back whole and records nothing", async () => {
    const { client, schema } = await scratch();
    const bad: TMigrationFile = { name: "20990101000000_bad", sql: `CREATE TABLE "half" (id int); SELECT nonsense_function();`, checksum: "0".repeat(64) };
    await expect(applyMigrations(client, [bad])).rejects.toThrow(/20990101000000_bad failed/);
    const tables = await client.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'half'`, [schema]);
    expect(tables.rowCount).toBe(0);
    expect((await client.query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`)).rows[0].n).toBe(0);
  });
});

describe("20261127110000_one_live_registration_per_owner_selector", () => {
  const NAME = "20261127110000_one_live_registration_per_owner_selector";

  it("refuses to run while an owner has two live registrations of one selector, naming them, and runs once one is removed", async () => {
    const { client, schema, files } = await migratedUpTo(NAME);
    await client.query(`INSERT INTO "User" ("id", "email", "name", "role", "updatedAt") VALUES ('u1', 'omar@example.com', 'Omar', 'OWNER', now())`);
    const register = (id: string, value: string, deleted: boolean) =>
      client.query(
        `INSERT INTO "ProtectedAsset" ("id", "selectorKind", "selectorValue", "ownerId", "businessService", "assetClass", "criticality",
           "justification", "onCallContact", "requirements", "certifiedAt", "updatedAt", "deletedAt")
         VALUES ($1, 'ip', $2, 'u1', 'Kiosk', 'server', 'LOW', 'Kiosk', 'kiosk-oncall', '{}', now(), now(), $3)`,
        [id, value, deleted ? new Date() : null],
      );
    await register("r1", "10.0.0.1", false);
    await register("r2", "10.0.0.1", false);
    await register("r3", "10.0.0.2", false);
    await register("r4", "10.0.0.2", true);

    const refusal = applyMigrations(client, files);
    await expect(refusal).rejects.toThrow(MigrationError);
    await expect(refusal).rejects.toThrow(
      `Migration ${NAME} failed: Owners have more than one live registration of the same selector: omar@example.com ip 10.0.0.1 (registrations r1, r2). Reflex cannot choose which to keep.`,
    );
    await client.query(`SET search_path TO ${schema}`);
    expect((await client.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`, [NAME])).rowCount).toBe(0);
    expect((await client.query(`SELECT count(*)::int AS n FROM "ProtectedAsset" WHERE "deletedAt" IS NULL`)).rows[0].n).toBe(3);

    await client.query(`UPDATE "ProtectedAsset" SET "deletedAt" = now() WHERE "id" = 'r2'`);
    // This one and every migration after it.
    expect((await applyMigrations(client, files)).applied).toEqual(files.slice(files.findIndex((f) => f.name === NAME)).map((f) => f.name));
    await expect(register("r5", "10.0.0.1", false)).rejects.toThrow(/ProtectedAsset_one_live_per_owner_selector/);
  });
});

describe("20261127140000_audit_search_out_of_band", () => {
  const NAME = "20261127140000_audit_search_out_of_band";

  it("indexes the events written before it, so they stay searchable without the indexer", async () => {
    const { client, schema, files } = await migratedUpTo(NAME);
    await client.query(
      `INSERT INTO "AuditEvent" ("partition", "partitionSeq", "type", "actorKind", "actorName", "data", "summary", "hash")
       VALUES (0, 1, 'KILL_SWITCH_CHANGED', 'SYSTEM', 'Reflex', '{}', 'Kill switch engaged by the drill', 'h1')`,
    );

    expect((await applyMigrations(client, files)).applied).toContain(NAME);
    await client.query(`SET search_path TO ${schema}`);
    const found = await client.query(`SELECT "eventId" FROM "AuditSearch" WHERE "document" @@ websearch_to_tsquery('simple', 'drill engaged')`);
    expect(found.rows.map((r) => String(r.eventId))).toHaveLength(1);
    // The backfill indexes them directly: a queue this long would make every search compute their vectors.
    expect((await client.query(`SELECT count(*)::int AS n FROM "AuditSearchQueue"`)).rows[0].n).toBe(0);
  });
});
