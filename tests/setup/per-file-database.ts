import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { disconnectDb } from "@/lib/db/client";
import { withDatabase } from "./global-setup";

// Each test file gets its own copy of the migrated template database.
const template = inject("templateDatabase");

if (template.kind === "postgres") {
  const name = `reflex_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client(template.adminUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.name}`);
  await admin.end();
  process.env.DATABASE_URL = withDatabase(template.adminUrl, name);
  afterAll(async () => {
    await disconnectDb();
    const c = new pg.Client(template.adminUrl);
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
} else {
  const dump = await readFile(template.dumpPath);
  const embedded = await startEmbeddedDatabase({ loadDataDir: new Blob([dump]) });
  process.env.DATABASE_URL = embedded.url;
  afterAll(async () => {
    await disconnectDb();
    await embedded.stop();
  });
}
