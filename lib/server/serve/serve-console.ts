import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import next from "next";
import { logUnexpected } from "@/lib/server/errors";
import { MAX_BODY_BYTES } from "@/lib/server/http/read-body";
import { machineRouteFor } from "./machine-routes";
import { sendWebResponse, toWebRequest, webRequestHead } from "./node-web-bridge";

// The console's HTTP server (what `reflex start` and the benchmark run): the production
// build served by Next.js, with the machine endpoints answered before Next.js's router
// (machine-routes.ts). Run through tsx (console-command.ts says how).

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;

const app = next({ dev: false, dir: path.resolve(import.meta.dirname, "../../.."), hostname: hostname ?? "localhost", port });
const handleWithNext = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const head = webRequestHead(req);
  const route = machineRouteFor(head);
  if (!route) {
    void handleWithNext(req, res);
    return;
  }
  toWebRequest(req, head, { maxBodyBytes: MAX_BODY_BYTES })
    .then(route)
    .then((response) => sendWebResponse(res, response, head.method))
    .catch((error: unknown) => {
      const ref = logUnexpected(error, `${head.method} ${req.url}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "INTERNAL", message: `Something went wrong (ref ${ref}).` } }));
    });
});
server.listen(port, hostname, () => console.log(`Reflex console listening on ${hostname ?? "all interfaces"}:${port}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
