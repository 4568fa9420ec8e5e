import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { serveOverWire } from "./wire-server";

// Embedded mode serves PGlite over the PostgreSQL wire protocol, so the app, the job
// engine and the CLI all speak `pg` to it exactly as they do to a real server: one code
// path for both databases (docs/DATABASE.md). PGlite runs one session, which the wire
// server hands to one connection at a time (lib/db/wire-server.ts): code must never wait
// on a second connection while holding a transaction open.

export const DEFAULT_DATA_DIR = process.env.REFLEX_DATA_DIR
  ? path.resolve(process.env.REFLEX_DATA_DIR)
  : path.resolve(import.meta.dirname, "../../.reflex-data");

export type TEmbeddedDatabase = {
  url: string;
  db: PGlite;
  stop(): Promise<void>;
};

export async function startEmbeddedDatabase(options: {
  /** Folder for the data files; omit for an in-memory database (tests). */
  dataDir?: string;
  port?: number;
  /** A tarball from PGlite's dumpDataDir to start from (tests start from a migrated copy). */
  loadDataDir?: Blob;
}): Promise<TEmbeddedDatabase> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
  });
  // PGlite has one session for every connection and ignores the TimeZone startup option
  // the pool sends (client.ts): set it on that one session instead.
  await db.exec("SET TimeZone TO 'UTC'");
  const server = await serveOverWire(db, { host: "127.0.0.1", port: options.port ?? 0 });
  return {
    url: `postgresql://postgres@${server.host}:${server.port}/postgres?sslmode=disable`,
    db,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
