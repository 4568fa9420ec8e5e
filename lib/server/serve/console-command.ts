import path from "node:path";

const SERVE_CONSOLE = path.join(import.meta.dirname, "serve-console.ts");
const SERVER_ONLY_HOOKS = path.join(import.meta.dirname, "register-server-only-hooks.mjs");

/** Node's arguments for the console's server process (serve-console.ts), as `reflex start` and the benchmark spawn it. */
export function consoleServerArgs(options: { port: number | string; hostname?: string; nodeOptions?: string[] }): string[] {
  return [
    ...(options.nodeOptions ?? []),
    "--import",
    "tsx",
    "--import",
    SERVER_ONLY_HOOKS,
    SERVE_CONSOLE,
    "-p",
    String(options.port),
    ...(options.hostname ? ["-H", options.hostname] : []),
  ];
}
