import path from "node:path";
import pg from "pg";
import type { TRole } from "@/lib/auth/permissions";
import { e2eDatabaseUrl } from "./e2e-env";

export const authFile = (role: TRole) => path.resolve(import.meta.dirname, ".auth", `${role.toLowerCase()}.json`);

export type TDemoCredential = { email: string; role: TRole; name: string; password: string };

/** Runs one query against the e2e server's database (to arrange data or check side effects). */
export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client(e2eDatabaseUrl());
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function demoCredentials(): Promise<TDemoCredential[]> {
  const rows = await query<{ value: TDemoCredential[] }>(`SELECT value FROM "Setting" WHERE key = 'demo.credentials'`);
  if (!rows[0]) throw new Error("The e2e server did not seed the demo organisation.");
  return rows[0].value;
}
