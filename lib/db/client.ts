import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma";

// One Prisma client per process, on the pg driver adapter whatever the database: a real
// PostgreSQL server, or embedded PGlite served over the wire protocol (lib/db/embedded.ts).

export type TDb = PrismaClient;
/** The client inside `$transaction(async (tx) => …)`: pass it down, never open a second connection. */
export type TTx = Prisma.TransactionClient;

const pools = new WeakMap<PrismaClient, pg.Pool>();

/**
 * A client on a pool of its own. `onStatement` sees every statement sent on that pool,
 * through Prisma or directly (raw-sql.ts), BEGIN and COMMIT included: tests and the
 * benchmark count statements with it.
 */
export function createPrismaClient(connectionString: string, options: { onStatement?: (text: string) => void } = {}): PrismaClient {
  const onStatement = options.onStatement;
  const Client = onStatement
    ? class CountingClient extends pg.Client {
        override query(...args: unknown[]): never {
          const first = args[0];
          onStatement(typeof first === "string" ? first : ((first as { text?: string } | null)?.text ?? ""));
          return (super.query as (...a: unknown[]) => never)(...args);
        }
      }
    : undefined;
  const pool = new pg.Pool({ connectionString, max: 10, ...(Client ? { Client } : {}) });
  // A connection the server ends (restart, dropped database) must not crash the process,
  // idle in the pool or already let go by it: the pool opens a new one when next needed.
  const lost = (error: Error) => console.error("[reflex] database connection lost:", error.message);
  pool.on("error", lost);
  pool.on("connect", (connection) => connection.on("error", lost));
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

/** The pg pool under a client made by createPrismaClient, for the statements of the loop's hot path. */
export function poolOf(client: PrismaClient): pg.Pool {
  const pool = pools.get(client);
  if (!pool) throw new Error("This Prisma client was not made by createPrismaClient: it has no pool to share.");
  return pool;
}

// One client per copy of the generated Prisma module, kept on globalThis so that Next.js's
// development reloads reuse it. A copy's query fragments (Prisma.sql) are only understood
// by a client of the same copy, and a production process holds several copies (Next.js
// bundles each server layer separately; the machine routes' lean server loads its own).
const globalForDb = globalThis as unknown as { __reflexDbs?: WeakMap<typeof PrismaClient, PrismaClient> };

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
    client = createPrismaClient(databaseUrl());
    clients.set(PrismaClient, client);
  }
  return client;
}

export async function disconnectDb(): Promise<void> {
  const client = globalForDb.__reflexDbs?.get(PrismaClient);
  globalForDb.__reflexDbs?.delete(PrismaClient);
  await client?.$disconnect();
}
