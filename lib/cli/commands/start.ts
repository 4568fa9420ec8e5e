import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import type { Command } from "commander";
import { db, disconnectDb } from "@/lib/db/client";
import { readSetting, writeSetting } from "@/lib/server/settings/settings";
import { consoleServerArgs } from "@/lib/server/serve/console-command";
import { isDatabaseEmpty, seedDemo } from "@/prisma/seed-demo";
import { buildIsStale } from "../build-freshness";
import { openCliDatabase } from "../database";
import { reportCliError } from "../run-command";
import { printDemoCredentials } from "./seed";

const root = path.resolve(import.meta.dirname, "../../..");
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next", { paths: [root] });

async function authSecret(): Promise<string> {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  // Kept in the database so every instance on it signs sessions with the same key.
  const stored = await readSetting(db(), "auth.secret");
  if (stored) return stored;
  const secret = randomBytes(32).toString("base64url");
  await writeSetting(db(), "auth.secret", secret);
  return secret;
}

export function registerStart(program: Command): void {
  program
    .command("start")
    .description("migrate, seed an empty embedded database, build if needed, and serve the console")
    .option("-p, --port <port>", "HTTP port", process.env.PORT ?? "3000")
    .option("--demo", "seed the demo organisation even on an external database when it is empty")
    .action(async (opts: { port: string; demo?: boolean }) => {
      try {
        const database = await openCliDatabase({ publish: true, port: process.env.REFLEX_DB_PORT ? Number(process.env.REFLEX_DB_PORT) : 0 });
        console.log(`Reflex database: ${database.description}`);
        if ((database.embedded || opts.demo) && (await isDatabaseEmpty(db()))) {
          printDemoCredentials(await seedDemo(db()));
        } else if (await isDatabaseEmpty(db())) {
          console.log("The database has no users yet: create one with `npx reflex user create --email … --role CISO --password-stdin`.");
        }
        const secret = await authSecret();
        if (buildIsStale(root)) {
          console.log("Building the console (first start or sources changed)…");
          const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: process.env });
          if (build.status !== 0) throw new Error("next build failed (see above).");
        }
        const url = process.env.NEXTAUTH_URL ?? `http://localhost:${opts.port}`;
        const server = spawn(process.execPath, consoleServerArgs({ port: opts.port }), {
          cwd: root,
          stdio: "inherit",
          env: { ...process.env, NODE_ENV: "production", DATABASE_URL: database.url, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: url, REFLEX_DEMO: database.embedded || opts.demo ? "1" : (process.env.REFLEX_DEMO ?? "") },
        });
        console.log(`Reflex console: ${url}`);
        const shutdown = async (code: number) => {
          await disconnectDb();
          await database.close();
          process.exit(code);
        };
        for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
        server.on("exit", (code) => void shutdown(code ?? 0));
      } catch (error) {
        reportCliError(error);
        process.exit(1);
      }
    });
}
