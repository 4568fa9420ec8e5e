import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TRole } from "@/lib/auth/permissions";
import { E2E_PORT, e2eDatabaseUrl } from "./e2e-env";

// Per port: parallel e2e runs on one machine must not overwrite each other's sessions.
export const authFile = (role: TRole) => path.resolve(import.meta.dirname, ".auth", `${E2E_PORT}-${role.toLowerCase()}.json`);

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

/** Runs the reflex CLI against the e2e server's database (tokens, connectors…). */
export function reflexCli(args: string[]): string {
  const result = spawnSync(process.execPath, [path.resolve(import.meta.dirname, "../bin/reflex.mjs"), ...args], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`reflex ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout.trim();
}

export function createToken(name: string, scope: "ingest" | "feed" | "bouncer" | "admin"): string {
  return reflexCli(["token", "create", "--name", name, "--scope", scope, "--quiet"]).split("\n").pop()!.trim();
}

/** The Wazuh rule 5712 sample from shared/, with its source moved to `srcip`. */
export function wazuhBruteForce(srcip: string, id: string): unknown {
  const sample = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../shared/samples/wazuh/wazuh-5712-sshd-bruteforce-integratord-test.json"), "utf8"));
  return { ...sample, id, data: { ...sample.data, srcip } };
}
