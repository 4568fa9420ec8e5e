import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";

// Applies prisma/migrations/<timestamp>_<name>/migration.sql in order and keeps Prisma's own
// `_prisma_migrations` bookkeeping, so `prisma migrate deploy` stays a drop-in wherever
// Prisma's engines can run. Prisma's engines cannot run here (DESIGN.md), hence this file.

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "migrations");

// Any constant works; it only has to be the same for every Reflex instance.
const ADVISORY_LOCK_KEY = 72_616_642;

export type TMigrationFile = { name: string; sql: string; checksum: string };
export type TMigrationResult = { applied: string[]; alreadyApplied: number };

export class MigrationError extends Error {}

export async function readMigrationFiles(dir = MIGRATIONS_DIR): Promise<TMigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(e.name))
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

const BOOKKEEPING_DDL = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

type TAppliedRow = { migration_name: string; checksum: string; finished_at: Date | null };

/** Refuses to go on when history and files disagree: an edited, missing or half-applied migration. */
function checkHistory(files: TMigrationFile[], applied: TAppliedRow[]): void {
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const row of applied) {
    const file = byName.get(row.migration_name);
    if (!file) {
      throw new MigrationError(
        `Migration ${row.migration_name} is recorded in the database but its folder is missing from prisma/migrations.`,
      );
    }
    if (row.finished_at === null) {
      throw new MigrationError(
        `Migration ${row.migration_name} started but never finished; inspect the database and mark it rolled back.`,
      );
    }
    if (row.checksum !== file.checksum) {
      throw new MigrationError(
        `Migration ${row.migration_name} was edited after it was applied (checksum differs). ` +
          "Restore the original file and put the change in a new migration.",
      );
    }
  }
}

/** Applies pending migrations, each in its own transaction, under an advisory lock. */
export async function applyMigrations(
  client: pg.ClientBase,
  files?: TMigrationFile[],
): Promise<TMigrationResult> {
  const migrations = files ?? (await readMigrationFiles());
  await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
  try {
    await client.query(BOOKKEEPING_DDL);
    const { rows } = await client.query<TAppliedRow>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    checkHistory(migrations, rows);
    const done = new Set(rows.map((r) => r.migration_name));
    const applied: string[] = [];
    for (const m of migrations.filter((f) => !done.has(f.name))) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new MigrationError(`Migration ${m.name} failed: ${(error as Error).message}`);
      }
      applied.push(m.name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]);
  }
}
