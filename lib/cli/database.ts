import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { DEFAULT_DATA_DIR, startEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/prisma/migrate";

// How the CLI finds its database: DATABASE_URL if set; otherwise the embedded database.
// PGlite's files may be opened by one process only, so when the console is running, the
// CLI connects to the server it published in .reflex-data/server.json instead.

const SERVER_FILE = path.join(DEFAULT_DATA_DIR, "server.json");

export type TCliDatabase = { url: string; description: string; embedded: boolean; close(): Promise<void> };

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

async function runningEmbeddedServer(): Promise<string | null> {
  if (!existsSync(SERVER_FILE)) return null;
  try {
    const { url, port } = JSON.parse(await readFile(SERVER_FILE, "utf8")) as { url: string; port: number };
    return (await portAnswers(port)) ? url : null;
  } catch {
    return null;
  }
}

export function describeUrl(url: string): string {
  const u = new URL(url);
  return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
}

/** Opens (and migrates) the database. `publish`: let other processes share the embedded one. */
export async function openCliDatabase(options: { publish?: boolean; port?: number } = {}): Promise<TCliDatabase> {
  let db: TCliDatabase;
  const configured = process.env.DATABASE_URL;
  const shared = configured ? null : await runningEmbeddedServer();
  if (configured) {
    db = { url: configured, description: describeUrl(configured), embedded: false, close: async () => {} };
  } else if (shared) {
    db = { url: shared, description: `embedded PGlite served by the running console (${DEFAULT_DATA_DIR})`, embedded: true, close: async () => {} };
  } else {
    const embedded = await startEmbeddedDatabase({ dataDir: path.join(DEFAULT_DATA_DIR, "pgdata"), port: options.port });
    const port = Number(new URL(embedded.url).port);
    if (options.publish) await writeFile(SERVER_FILE, JSON.stringify({ url: embedded.url, port, pid: process.pid }));
    db = {
      url: embedded.url,
      description: `embedded PGlite in ${path.relative(process.cwd(), DEFAULT_DATA_DIR) || DEFAULT_DATA_DIR} (served on 127.0.0.1:${port})`,
      embedded: true,
      async close() {
        if (options.publish) await rm(SERVER_FILE, { force: true });
        await embedded.stop();
      },
    };
  }
  process.env.DATABASE_URL = db.url;
  const client = new pg.Client(db.url);
  await client.connect();
  try {
    const result = await applyMigrations(client);
    if (result.applied.length > 0) console.log(`Applied migrations: ${result.applied.join(", ")}`);
  } finally {
    await client.end();
  }
  return db;
}
