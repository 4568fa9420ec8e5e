import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

// `npm start` builds only when the sources are newer than the last build.
const SOURCES = ["app", "components", "lib", "types", "public", "next.config.ts", "postcss.config.mjs", "package-lock.json", "prisma/schema.prisma"];
const SKIP = new Set(["node_modules", "generated"]);

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(p)) {
    if (SKIP.has(entry) || entry.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

export function buildIsStale(root: string): boolean {
  const buildId = path.join(root, process.env.REFLEX_DIST_DIR ?? ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}
