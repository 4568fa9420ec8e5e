import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import next from "next";
import { errorResponse } from "@/lib/server/http/json-route";
import { MAX_BODY_BYTES } from "@/lib/server/http/read-body";
import { machineRouteFor } from "./machine-routes";
import { discardUnreadBody, sendWebResponse, toWebRequest, webRequestHead } from "./node-web-bridge";

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
  if (!head) {
    res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "BAD_INPUT", message: "The request line is not a valid URL." } }));
    return;
  }
  const route = machineRouteFor(head);
  if (!route) {
    void handleWithNext(req, res);
    return;
  }
  route(toWebRequest(req, head, { maxBodyBytes: MAX_BODY_BYTES }))
    .then((response) => sendWebResponse(res, response, head))
    .catch(async (error: unknown) => {
      // A caller that went away needs no answer and is not a fault of the console.
      if (res.destroyed) return;
      if (res.headersSent) return void res.destroy();
      await sendWebResponse(res, errorResponse(error, `${head.method} ${new URL(head.url).pathname}`), head);
    })
    .finally(() => discardUnreadBody(req));
});
server.listen(port, hostname, () => console.log(`Reflex console listening on ${hostname ?? "all interfaces"}:${port}`));

// Stop taking requests, let those in flight (alerts being committed) finish, then exit.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
