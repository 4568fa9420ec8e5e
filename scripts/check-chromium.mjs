// The browser tests drive Debian's Chromium: Playwright cannot download its own here.
import { existsSync } from "node:fs";

const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(path)) {
  console.error(`Chromium is missing at ${path}, so the end-to-end tests cannot run.`);
  console.error("Install it from the OS packages:  sudo apt-get update && sudo apt-get install -y chromium");
  console.error("(or point CHROMIUM_PATH at another Chromium binary).");
  process.exit(1);
}
