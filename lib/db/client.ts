import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma";

// One Prisma client per process, on the pg driver adapter whatever the database: a real
// PostgreSQL server, or embedded PGlite served over the wire protocol (lib/db/embedded.ts).

export type TDb = PrismaClient;
/** The client inside `$transaction(async (tx) => …)`: pass it down, never open a second connection. */
export type TTx = Prisma.TransactionClient;

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
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
