// Reads the real payloads in shared/ for tests. CI clones the repository elsewhere but
// puts a copy of shared/ beside it, so the path is relative to the repository root.
import fs from "node:fs";
import path from "node:path";

export const SHARED_DIR = path.resolve(import.meta.dirname, "../../../shared");

export function readSharedText(relative: string): string {
  return fs.readFileSync(path.join(SHARED_DIR, relative), "utf8");
}

export function readSample(relative: string): unknown {
  return JSON.parse(readSharedText(path.join("samples", relative)));
}

/** Every JSON sample file, as "dir/file.json". */
export function listJsonSamples(): string[] {
  const root = path.join(SHARED_DIR, "samples");
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) => fs.readdirSync(path.join(root, dir.name)).map((file) => `${dir.name}/${file}`))
    .filter((file) => file.endsWith(".json"))
    .sort();
}
