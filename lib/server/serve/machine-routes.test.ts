import { describe, expect, it } from "vitest";
import { machineRouteFor } from "./machine-routes";

const head = (method: string, path: string, headers: Record<string, string> = {}) => ({ method, url: `http://console.test${path}`, headers: new Headers(headers) });

describe("machineRouteFor", () => {
  it("serves token requests to the machine endpoints outside Next.js", () => {
    expect(machineRouteFor(head("POST", "/api/v1/alerts", { authorization: "Bearer rfx_x" }))).toBeTypeOf("function");
    expect(machineRouteFor(head("POST", "/api/v1/events", { "x-api-key": "rfx_x" }))).toBeTypeOf("function");
    expect(machineRouteFor(head("GET", "/api/v1/feeds/blocklist.txt?token=rfx_x"))).toBeTypeOf("function");
  });

  it("leaves requests without a token to Next.js, where a console session can be read", () => {
    expect(machineRouteFor(head("POST", "/api/v1/alerts", { cookie: "next-auth.session-token=abc" }))).toBeNull();
    expect(machineRouteFor(head("GET", "/api/v1/feeds/blocklist.txt"))).toBeNull();
    // "Basic" is not a token scheme authenticateRequest reads.
    expect(machineRouteFor(head("GET", "/api/v1/feeds/blocklist.txt", { authorization: "Basic eDp5" }))).toBeNull();
  });

  it("serves every CrowdSec request, keyed or not, since that API knows only bouncer keys", () => {
    expect(machineRouteFor(head("GET", "/api/crowdsec/v1/decisions/stream?startup=true"))).toBeTypeOf("function");
    expect(machineRouteFor(head("HEAD", "/api/crowdsec/v1/decisions/stream"))).toBeTypeOf("function");
    expect(machineRouteFor(head("GET", "/api/crowdsec/v1/decisions?ip=1.2.3.4"))).toBeTypeOf("function");
    expect(machineRouteFor(head("POST", "/api/crowdsec/v1/usage-metrics"))).toBeTypeOf("function");
  });

  it("leaves other paths, other spellings and methods a route does not export to Next.js", () => {
    expect(machineRouteFor(head("GET", "/api/v1/containments", { authorization: "Bearer rfx_x" }))).toBeNull();
    expect(machineRouteFor(head("GET", "/api/v1/alerts", { authorization: "Bearer rfx_x" }))).toBeNull();
    expect(machineRouteFor(head("DELETE", "/api/crowdsec/v1/decisions/stream"))).toBeNull();
    expect(machineRouteFor(head("GET", "/api/crowdsec/v1/decisions/stream/"))).toBeNull();
    expect(machineRouteFor(head("GET", "/signin"))).toBeNull();
  });

  it("answers a CrowdSec request without a key as CrowdSec does, without a database", async () => {
    const route = machineRouteFor(head("GET", "/api/crowdsec/v1/decisions/stream"))!;
    const response = await route(new Request("http://console.test/api/crowdsec/v1/decisions/stream"));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ message: "access forbidden" });
  });
});
