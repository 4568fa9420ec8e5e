import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";
import { applyMigrations } from "@/prisma/migrate";
import { Cleanup, stopChildGroup, trackChildGroup } from "./cleanup";

// A fresh database for each run, never the one the console uses: a new embedded PGlite in a
// temporary folder (hosted by a child process, as `reflex start` hosts it), or a new
// `reflex_bench_<pid>` database next to DATABASE_URL on a local PostgreSQL server.

export const BENCH_DATABASES = ["embedded", "postgres"] as const;
export type TBenchDatabaseKind = (typeof BENCH_DATABASES)[number];

export type TBenchDatabase = {
  kind: TBenchDatabaseKind;
  url: string;
  description: string;
  /** For CPU accounting: the PGlite host's pid, or the PostgreSQL database name. */
  hostPid: number | null;
  databaseName: string | null;
};

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export function assertLocalUrl(url: string): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`Refusing to benchmark against a database that is not on this machine (${host}): the benchmark floods it.`);
  }
}

async function startEmbeddedHost(cleanup: Cleanup, keep: boolean): Promise<TBenchDatabase> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "reflex-bench-"));
  const dataDir = path.join(dir, "pgdata");
  cleanup.add("remove the temporary database folder", async () => {
    if (keep) console.error(`[bench] kept the embedded database in ${dataDir}`);
    else await rm(dir, { recursive: true, force: true });
  });
  const script = path.join(import.meta.dirname, "embedded-host.ts");
  const child = spawn(process.execPath, [...process.execArgv, script, dataDir], { stdio: ["pipe", "pipe", "inherit"], detached: true });
  trackChildGroup(child);
  cleanup.add("stop the embedded database", () => stopChildGroup(child));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the embedded database did not start within 60 s")), 60_000);
    child.once("exit", (code) => reject(new Error(`the embedded database exited (code ${code}) before it was ready`)));
    readline.createInterface({ input: child.stdout! }).once("line", (line) => {
      clearTimeout(timer);
      try {
        resolve((JSON.parse(line) as { url: string }).url);
      } catch {
        reject(new Error(`unexpected output from the embedded database: ${line}`));
      }
    });
  });
  return { kind: "embedded", url, description: `fresh embedded PGlite in ${dataDir}, served by pid ${child.pid} on ${new URL(url).host}`, hostPid: child.pid ?? null, databaseName: null };
}

async function createPostgresDatabase(cleanup: Cleanup, keep: boolean): Promise<TBenchDatabase> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("--database postgres needs DATABASE_URL pointing at a local PostgreSQL server (the benchmark creates its own database next to it).");
  assertLocalUrl(base);
  const name = `reflex_bench_${process.pid}`;
  const admin = new pg.Client(base);
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  cleanup.add(`drop database ${name}`, async () => {
    if (keep) {
      console.error(`[bench] kept database ${name}`);
      return;
    }
    const c = new pg.Client(base);
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await c.end();
    }
  });
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { kind: "postgres", url: url.toString(), description: `fresh database ${name} on PostgreSQL at ${url.host}`, hostPid: null, databaseName: name };
}

/** Creates and migrates the database; the caller seeds it. */
export async function openBenchDatabase(options: { kind: TBenchDatabaseKind; cleanup: Cleanup; keep: boolean }): Promise<TBenchDatabase> {
  const database = options.kind === "embedded" ? await startEmbeddedHost(options.cleanup, options.keep) : await createPostgresDatabase(options.cleanup, options.keep);
  const client = new pg.Client(database.url);
  await client.connect();
  try {
    await applyMigrations(client);
  } finally {
    await client.end();
  }
  return database;
}
