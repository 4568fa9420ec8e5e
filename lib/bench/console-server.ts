import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, openSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { buildIsStale } from "@/lib/cli/build-freshness";
import { consoleServerArgs } from "@/lib/server/serve/console-command";
import { Cleanup, stopChildGroup, trackChildGroup } from "./cleanup";

// The console under test is the production build served by serve-console.ts, spawned the way
// `reflex start` spawns it, on a free loopback port. The benchmark never builds: it
// measures the build that exists and says so when the sources are newer.

export const ROOT = path.resolve(import.meta.dirname, "../..");

export type TConsoleServer = { port: number; pid: number; logFile: string; stop(): Promise<void> };

export function checkBuild(): { stale: boolean } {
  // REFLEX_DIST_DIR: the build folder next.config.ts builds into and the console serves.
  if (!existsSync(path.join(ROOT, process.env.REFLEX_DIST_DIR ?? ".next", "BUILD_ID"))) {
    throw new Error("There is no production build to measure: run `npm run build` (or `npm start` once) first.");
  }
  return { stale: buildIsStale(ROOT) };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startConsole(options: { databaseUrl: string; workers: boolean; logFile: string; cpuProfileDir: string | null; cleanup: Cleanup }): Promise<TConsoleServer> {
  const port = await freePort();
  const log = openSync(options.logFile, "a");
  // A V8 CPU profile of the console, written when it exits (open it in Chrome DevTools).
  const profile = options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const child = spawn(process.execPath, consoleServerArgs({ port, hostname: "127.0.0.1", nodeOptions: profile }), {
    cwd: ROOT,
    stdio: ["ignore", log, log],
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: options.databaseUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      REFLEX_WORKERS: options.workers ? "1" : "0",
      REFLEX_DEMO: "",
    },
  });
  trackChildGroup(child);
  options.cleanup.add("stop the console", () => stopChildGroup(child));
  if (!child.pid) throw new Error("could not start the console");
  return { port, pid: child.pid, logFile: options.logFile, stop: () => stopChildGroup(child) };
}

/** Polls `probe` until it answers true; fails after `timeoutMs`. */
export async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not happen within ${Math.round(timeoutMs / 1000)} s`);
}
