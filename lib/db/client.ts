import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma";

// Prisma on the pg driver adapter whatever the database: a real PostgreSQL server, or
// embedded PGlite served over the wire protocol (lib/db/embedded.ts). Under every client is
// a pg pool, which the loop's hot path also sends its statements on (raw-sql.ts).

export type TDb = PrismaClient;
/** The client inside `$transaction(async (tx) => …)`: pass it down, never open a second connection. */
export type TTx = Prisma.TransactionClient;

/** How long a statement may wait for a free connection, as Prisma's transactions did (maxWait). */
const CONNECTION_WAIT_MS = 30_000;

function newPool(connectionString: string, onStatement?: (text: string) => void): pg.Pool {
  const Client = onStatement
    ? class CountingClient extends pg.Client {
        override query(...args: unknown[]): never {
          const first = args[0];
          onStatement(typeof first === "string" ? first : ((first as { text?: string } | null)?.text ?? ""));
          return (super.query as (...a: unknown[]) => never)(...args);
        }
      }
    : undefined;
  // Every session in UTC: columns are timestamp(3) holding UTC, and the rows the loop
  // inserts in raw SQL take DEFAULT CURRENT_TIMESTAMP, which follows the session's zone.
  const pool = new pg.Pool({
    connectionString,
    options: "-c TimeZone=UTC",
    max: 10,
    connectionTimeoutMillis: CONNECTION_WAIT_MS,
    ...(Client ? { Client } : {}),
  });
  // A connection the server ends (restart, dropped database) must not crash the process,
  // idle in the pool or already let go by it: the pool opens a new one when next needed.
  const lost = (error: Error) => console.error("[reflex] database connection lost:", error.message);
  pool.on("error", lost);
  pool.on("connect", (connection) => connection.on("error", lost));
  return pool;
}

const pools = new WeakMap<PrismaClient, pg.Pool>();

function clientOn(pool: pg.Pool, options: { ownsPool: boolean }): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: options.ownsPool }) });
  pools.set(client, pool);
  return client;
}

/**
 * A client on a pool of its own, ended with the client. `onStatement` sees every statement
 * sent on that pool, through Prisma or directly, BEGIN and COMMIT included: tests and the
 * benchmark count statements with it.
 */
export function createPrismaClient(connectionString: string, options: { onStatement?: (text: string) => void } = {}): PrismaClient {
  return clientOn(newPool(connectionString, options.onStatement), { ownsPool: true });
}

/** The pg pool under a client, for the statements of the loop's hot path. */
export function poolOf(client: PrismaClient): pg.Pool {
  const pool = pools.get(client);
  if (!pool) throw new Error("This Prisma client was not made by lib/db/client.ts: it has no pool to share.");
  return pool;
}

// One client per copy of the generated Prisma module, all on one pool per process, kept on
// globalThis so that Next.js's development reloads reuse them. A copy's query fragments
// (Prisma.sql) are only understood by a client of the same copy, and a production process
// holds several copies (Next.js bundles each server layer separately; the machine routes'
// server loads its own); pg itself is one module, so the pool can be shared.
const globalForDb = globalThis as unknown as {
  __reflexDbs?: WeakMap<typeof PrismaClient, PrismaClient>;
  __reflexPool?: pg.Pool;
  __reflexDbCompanions?: Set<TDbCompanion>;
};

/** A connection of the process's own beside the pool, on the pool's database (the token cache's listener). */
export type TDbCompanion = { stop(): Promise<void> };

/**
 * Closes `companion` whenever disconnectDb closes the pool. Such a connection is outside
 * the pool, so ending the pool leaves it open: it would follow a database the process has
 * let go of, and its socket alone would keep a finished CLI process from exiting.
 */
export function stopWithDb(companion: TDbCompanion): void {
  (globalForDb.__reflexDbCompanions ??= new Set()).add(companion);
}

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start Reflex with `npm start` (embedded database) or set DATABASE_URL.",
    );
  }
  return url;
}

/** The process-wide client, created on first use so that imports never need a database. */
export function db(): PrismaClient {
  const clients = (globalForDb.__reflexDbs ??= new WeakMap());
  let client = clients.get(PrismaClient);
  if (!client) {
    client = clientOn((globalForDb.__reflexPool ??= newPool(databaseUrl())), { ownsPool: false });
    clients.set(PrismaClient, client);
  }
  return client;
}

/** Closes this copy's client, the process's pool and its companions (at exit, and between test files). */
export async function disconnectDb(): Promise<void> {
  const stopCompanions = () => Promise.all([...(globalForDb.__reflexDbCompanions ?? [])].map((c) => c.stop()));
  await stopCompanions();
  const client = globalForDb.__reflexDbs?.get(PrismaClient);
  globalForDb.__reflexDbs?.delete(PrismaClient);
  await client?.$disconnect();
  const pool = globalForDb.__reflexPool;
  globalForDb.__reflexPool = undefined;
  await pool?.end();
  // A request served while the pool was closing may have started one again.
  await stopCompanions();
}
