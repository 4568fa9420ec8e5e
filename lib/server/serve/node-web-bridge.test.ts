import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { sendWebResponse, toWebRequest, webRequestHead } from "./node-web-bridge";

let server: Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Serves `handler` through the bridge on a loopback port; returns the base URL. */
async function serve(handler: (request: Request) => Promise<Response>, maxBodyBytes = 1024): Promise<string> {
  server = createServer((req, res) => {
    const head = webRequestHead(req);
    void toWebRequest(req, head, { maxBodyBytes }).then(handler).then((response) => sendWebResponse(res, response, head.method));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("the Node ↔ Fetch bridge of the machine routes", () => {
  it("passes method, URL, headers and body through, and the response back", async () => {
    const base = await serve(async (request) =>
      Response.json(
        { method: request.method, url: request.url, key: request.headers.get("idempotency-key"), body: await request.text() },
        { status: 202, headers: { etag: '"v1"' } },
      ),
    );
    const response = await fetch(`${base}/api/v1/alerts?format=wazuh`, { method: "POST", headers: { "Idempotency-Key": "k-1" }, body: '{"a":1}' });
    expect(response.status).toBe(202);
    expect(response.headers.get("etag")).toBe('"v1"');
    expect(await response.json()).toEqual({ method: "POST", url: expect.stringMatching(/\/api\/v1\/alerts\?format=wazuh$/), key: "k-1", body: '{"a":1}' });
  });

  it("adds the caller's address as X-Forwarded-For, as Next.js does, unless a proxy already set it", async () => {
    const base = await serve(async (request) => new Response(request.headers.get("x-forwarded-for")));
    expect(await (await fetch(base)).text()).toBe("127.0.0.1");
    expect(await (await fetch(base, { headers: { "X-Forwarded-For": "203.0.113.9" } })).text()).toBe("203.0.113.9");
  });

  it("keeps one byte beyond the limit of an oversized body, so the handler's size check refuses it", async () => {
    const base = await serve(async (request) => new Response(String((await request.arrayBuffer()).byteLength)), 100);
    expect(await (await fetch(base, { method: "POST", body: "x".repeat(5000) })).text()).toBe("101");
    expect(await (await fetch(base, { method: "POST", body: "x".repeat(100) })).text()).toBe("100");
  });

  it("sends no body to HEAD and keeps every Set-Cookie", async () => {
    const base = await serve(async () => {
      const headers = new Headers();
      headers.append("set-cookie", "a=1");
      headers.append("set-cookie", "b=2");
      return new Response("body", { headers });
    });
    const head = await fetch(base, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect((await fetch(base)).headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  });
});
