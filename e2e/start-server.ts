// Starts the console for the end-to-end tests on a fresh, local database of their own:
// a new `reflex_e2e` database next to DATABASE_URL, or a fresh embedded one.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { e2eDataDir, e2eDatabaseName, E2E_PORT, assertLocal } from "./e2e-env";

const env: NodeJS.ProcessEnv = { ...process.env, NEXTAUTH_URL: `http://localhost:${E2E_PORT}`, REFLEX_E2E: "1" };
if (process.env.DATABASE_URL) {
  assertLocal(process.env.DATABASE_URL);
  const admin = new pg.Client(process.env.DATABASE_URL);
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${e2eDatabaseName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${e2eDatabaseName}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${e2eDatabaseName}`;
  env.DATABASE_URL = url.toString();
} else {
  rmSync(e2eDataDir, { recursive: true, force: true });
  env.REFLEX_DATA_DIR = e2eDataDir;
}
const root = path.resolve(import.meta.dirname, "..");
const child = spawn(process.execPath, [path.join(root, "bin/reflex.mjs"), "start", "--port", String(E2E_PORT), "--demo"], { stdio: "inherit", env, cwd: root });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
