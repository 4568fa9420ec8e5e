#!/usr/bin/env node
// Entry point of `npx reflex …` and `npm start`. Runs the TypeScript CLI through tsx
// with the react-server condition, so modules marked `server-only` load here as they do
// in Next.js. Generates the Prisma client first on a fresh clone (npm may hold back
// install scripts, so `postinstall` cannot be relied on).
import { spawnSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

if (!existsSync(path.join(root, "lib/generated/prisma/index.js"))) {
  const prismaCli = require.resolve("prisma/build/index.js", { paths: [root] });
  const generated = spawnSync(process.execPath, [prismaCli, "generate"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (generated.status !== 0) process.exit(generated.status ?? 1);
}

const child = spawn(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", path.join(root, "lib/cli/main.ts"), ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
