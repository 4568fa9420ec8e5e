import { Agent, createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { discardUnreadBody, sendWebResponse, toWebRequest, webRequestHead } from "./node-web-bridge";

let server: Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Serves `handler` through the bridge on a loopback port; returns the port. */
async function serve(handler: (request: Request) => Promise<Response>, maxBodyBytes = 1024): Promise<number> {
  server = createServer((req, res) => {
    const head = webRequestHead(req);
    if (!head) {
      res.writeHead(400).end("bad request line");
      return;
    }
    void handler(toWebRequest(req, head, { maxBodyBytes }))
      .then((response) => sendWebResponse(res, response, head))
      .then(() => discardUnreadBody(req));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** A raw request, so the test controls the request line, Host and encodings as a client could. */
function send(port: number, options: { path: string; method?: string; headers?: Record<string, string>; body?: string; agent?: Agent }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path: options.path, method: options.method ?? "GET", headers: options.headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

describe("the Node ↔ Fetch bridge of the machine routes", () => {
  it("passes method, path, query, headers and body through, and the response back", async () => {
    const port = await serve(async (request) =>
      Response.json(
        { method: request.method, url: request.url, key: request.headers.get("idempotency-key"), body: await request.text() },
        { status: 202, headers: { etag: '"v1"' } },
      ),
    );
    const answer = await send(port, { path: "/api/v1/alerts?format=wazuh", method: "POST", headers: { "Idempotency-Key": "k-1" }, body: '{"a":1}' });
    expect(answer.status).toBe(202);
    expect(answer.headers.etag).toBe('"v1"');
    expect(JSON.parse(answer.body.toString())).toEqual({ method: "POST", url: "http://localhost/api/v1/alerts?format=wazuh", key: "k-1", body: '{"a":1}' });
  });

  it("takes the path from the request line only: a Host header cannot change the route", async () => {
    const port = await serve(async (request) => new Response(new URL(request.url).pathname));
    const answer = await send(port, { path: "/api/v1/feeds/blocklist.txt", headers: { Host: "x/api/crowdsec/v1/decisions?" } });
    expect(answer.body.toString()).toBe("/api/v1/feeds/blocklist.txt");
  });

  it("refuses a request line that is not a URL instead of leaving the caller waiting", async () => {
    const port = await serve(async () => new Response("never"));
    expect((await send(port, { path: "http://[::1/x" })).status).toBe(400);
  });

  it("adds the caller's address as X-Forwarded-For, as Next.js does, unless a proxy already set it", async () => {
    const port = await serve(async (request) => new Response(request.headers.get("x-forwarded-for")));
    expect((await send(port, { path: "/" })).body.toString()).toBe("127.0.0.1");
    expect((await send(port, { path: "/", headers: { "X-Forwarded-For": "203.0.113.9" } })).body.toString()).toBe("203.0.113.9");
  });

  it("hands over one byte beyond the limit of an oversized body, so the handler's size check refuses it, and still answers", async () => {
    const port = await serve(async (request) => new Response(String((await request.arrayBuffer()).byteLength), { status: 413 }), 100);
    const oversized = await send(port, { path: "/", method: "POST", body: "x".repeat(200_000) });
    expect(oversized).toMatchObject({ status: 413 });
    expect(oversized.body.toString()).toBe("101");
    expect((await send(port, { path: "/", method: "POST", body: "x".repeat(100) })).body.toString()).toBe("100");
  });

  it("leaves a body the handler never reads on the wire, and the connection serves the next request", async () => {
    let seen = 0;
    const port = await serve(async (request) => {
      seen++;
      return request.method === "POST" ? new Response("refused", { status: 401 }) : new Response("next");
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const first = await send(port, { path: "/", method: "POST", body: "x".repeat(300_000), agent });
    const second = await send(port, { path: "/", agent });
    agent.destroy();
    expect([first.status, second.body.toString(), seen]).toEqual([401, "next", 2]);
  });

  it("gzips a large answer for a client that takes gzip, and only then", async () => {
    const text = "203.0.113.7\n".repeat(500);
    const port = await serve(async () => new Response(text));
    const zipped = await send(port, { path: "/", headers: { "Accept-Encoding": "gzip, deflate" } });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(zipped.body).toString()).toBe(text);
    const plain = await send(port, { path: "/" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(text);
  });

  it("sends no body to HEAD and keeps every Set-Cookie", async () => {
    const port = await serve(async () => {
      const headers = new Headers();
      headers.append("set-cookie", "a=1");
      headers.append("set-cookie", "b=2");
      return new Response("body", { headers });
    });
    const head = await send(port, { path: "/", method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect((await send(port, { path: "/" })).headers["set-cookie"]).toEqual(["a=1", "b=2"]);
  });
});
