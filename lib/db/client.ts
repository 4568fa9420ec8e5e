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

const globalForDb = globalThis as unknown as { __reflexDb?: PrismaClient };

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
  globalForDb.__reflexDb ??= createPrismaClient(databaseUrl());
  return globalForDb.__reflexDb;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.__reflexDb?.$disconnect();
  globalForDb.__reflexDb = undefined;
}
