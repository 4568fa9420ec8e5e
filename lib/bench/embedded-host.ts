// Child process of `reflex bench --database embedded`: hosts a fresh PGlite in the folder
// given as argument and serves it over the wire, as `reflex start` does for the console.
// In a process of its own so that PGlite's single-threaded WebAssembly work does not
// stall the load generator's clock. Prints {"url": …} once ready; stops on SIGTERM/SIGINT
// or when its parent closes stdin (the parent died).
import { startEmbeddedDatabase } from "@/lib/db/embedded";

const dataDir = process.argv[2];
if (!dataDir) {
  console.error("usage: embedded-host.ts <dataDir>");
  process.exit(2);
}

const database = await startEmbeddedDatabase({ dataDir });
process.stdout.write(`${JSON.stringify({ url: database.url })}\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await database.stop().catch(() => {});
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
process.stdin.on("end", () => void stop());
process.stdin.resume();
