import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
// Named after the port so that two e2e runs on one machine never share a database.
export const e2eDatabaseName = `reflex_e2e_${E2E_PORT}`;
export const e2eDataDir = path.resolve(import.meta.dirname, `../.reflex-test/e2e-data-${E2E_PORT}`);

export function assertLocal(url: string): void {
  const host = new URL(url).hostname;
  if (!["localhost", "127.0.0.1", "::1", "[::1]", ""].includes(host)) {
    throw new Error(`Refusing to run end-to-end tests against a non-local database (${host}).`);
  }
}

/** The database the e2e server uses, for tests that check side effects in it. */
export function e2eDatabaseUrl(): string {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${e2eDatabaseName}`;
    return url.toString();
  }
  const file = path.join(e2eDataDir, "server.json");
  if (!existsSync(file)) throw new Error("The e2e server has not published its embedded database yet.");
  return (JSON.parse(readFileSync(file, "utf8")) as { url: string }).url;
}
