import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/prisma/migrate";
import { assertLocalDatabase } from "./local-database";

// Migrates one template database per run; every test file then gets a copy of it
// (tests/setup/per-file-database.ts), so files run in parallel without sharing rows.

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: { kind: "postgres"; adminUrl: string; name: string } | { kind: "pglite"; dumpPath: string };
  }
}

export default async function setup(project: TestProject) {
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    assertLocalDatabase(baseUrl);
    const name = `reflex_tpl_${process.pid}`;
    const admin = new pg.Client(baseUrl);
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const tpl = new pg.Client(withDatabase(baseUrl, name));
    await tpl.connect();
    await applyMigrations(tpl);
    await tpl.end();
    project.provide("templateDatabase", { kind: "postgres", adminUrl: baseUrl, name });
    return async () => {
      const c = new pg.Client(baseUrl);
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const embedded = await startEmbeddedDatabase({});
  const client = new pg.Client(embedded.url);
  await client.connect();
  await applyMigrations(client);
  await client.end();
  const dump = await embedded.db.dumpDataDir("none");
  await embedded.stop();
  const dir = path.resolve(import.meta.dirname, "../../.reflex-test");
  await mkdir(dir, { recursive: true });
  const dumpPath = path.join(dir, `template-${process.pid}.tar`);
  await writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
  project.provide("templateDatabase", { kind: "pglite", dumpPath });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
