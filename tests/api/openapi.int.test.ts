import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as crowdsecDecisions from "@/app/api/crowdsec/v1/decisions/route";
import * as crowdsecStream from "@/app/api/crowdsec/v1/decisions/stream/route";
import * as crowdsecUsage from "@/app/api/crowdsec/v1/usage-metrics/route";
import * as alerts from "@/app/api/v1/alerts/route";
import * as auditChain from "@/app/api/v1/audit/chain/route";
import * as audit from "@/app/api/v1/audit/route";
import * as release from "@/app/api/v1/containments/[id]/release/route";
import * as containment from "@/app/api/v1/containments/[id]/route";
import * as containments from "@/app/api/v1/containments/route";
import * as events from "@/app/api/v1/events/route";
import * as blocklist from "@/app/api/v1/feeds/blocklist.txt/route";
import * as killSwitch from "@/app/api/v1/kill-switch/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as protectedAsset from "@/app/api/v1/protected-assets/[id]/route";
import * as protectedAssets from "@/app/api/v1/protected-assets/route";
import { TOKEN_SCOPES, type TTokenScope } from "@/lib/auth/permissions";
import type { TOpenApiDocument } from "@/lib/server/openapi/build-openapi";
import { call, callError, createToken, useDemoOrganisation } from "./route-helpers";

vi.mock("@/lib/server/auth/current-user", () => import("./session-mock"));

useDemoOrganisation();

// Every route module of the public API, by its URL path with {params}.
const ROUTES: Record<string, Record<string, unknown>> = {
  "/api/v1/alerts": alerts,
  "/api/v1/events": events,
  "/api/v1/containments": containments,
  "/api/v1/containments/{id}": containment,
  "/api/v1/containments/{id}/release": release,
  "/api/v1/kill-switch": killSwitch,
  "/api/v1/feeds/blocklist.txt": blocklist,
  "/api/v1/openapi.json": openapi,
  "/api/v1/audit": audit,
  "/api/v1/audit/chain": auditChain,
  "/api/v1/protected-assets": protectedAssets,
  "/api/v1/protected-assets/{id}": protectedAsset,
  "/api/crowdsec/v1/decisions": crowdsecDecisions,
  "/api/crowdsec/v1/decisions/stream": crowdsecStream,
  "/api/crowdsec/v1/usage-metrics": crowdsecUsage,
};

type TOperation = { "x-reflex-token-scopes"?: TTokenScope[]; security?: unknown[] };

let doc: TOpenApiDocument;

beforeAll(async () => {
  const response = await openapi.GET();
  expect(response.status).toBe(200);
  doc = (await response.json()) as TOpenApiDocument;
});

function operations(): { path: string; method: string; op: TOperation }[] {
  return Object.entries(doc.paths as Record<string, Record<string, TOperation>>).flatMap(([p, item]) => Object.entries(item).map(([method, op]) => ({ path: p, method, op })));
}

/** app/api/**\/route.ts as "METHOD /path" for every exported handler (NextAuth's own routes aside). */
function routeFiles(): string[] {
  const root = path.resolve(import.meta.dirname, "../../app");
  const files = fs.readdirSync(path.join(root, "api"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("route.ts") && !f.startsWith("auth"));
  return files.map((f) => `/api/${path.dirname(f).split(path.sep).join("/")}`.replace(/\[(\w+)\]/g, "{$1}"));
}

describe("GET /api/v1/openapi.json", () => {
  it("is served without authentication, as JSON", async () => {
    const response = await openapi.GET();
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(doc.paths)).toContain("/api/v1/alerts");
  });

  it("describes every route handler there is, and only those", () => {
    const documented = operations().map(({ path: p, method }) => `${method.toUpperCase()} ${p}`).sort();
    const served = routeFiles().flatMap((p) => {
      const module = ROUTES[p];
      expect(module, `${p} is a route without an entry in this test and the document`).toBeDefined();
      return Object.keys(module!).filter((name) => /^(GET|POST|PUT|PATCH|DELETE|HEAD)$/.test(name)).map((method) => `${method} ${p}`);
    });
    expect(documented).toEqual(served.sort());
  });

  it("grants exactly the token scopes it lists: each other scope is refused with 403", async () => {
    const tokens = Object.fromEntries(await Promise.all(TOKEN_SCOPES.map(async (scope) => [scope, (await createToken(scope)).token] as const)));
    const id = "00000000-0000-4000-8000-000000000000";
    const bodies: Record<string, unknown> = { "/api/v1/alerts": [], "/api/v1/events": "", "/api/v1/containments/{id}/release": { reason: "scope check" }, "/api/v1/kill-switch": { engaged: false, reason: "scope check" } };
    const checked: string[] = [];
    for (const { path: p, method, op } of operations()) {
      if (p === "/api/v1/openapi.json") continue;
      const handler = ROUTES[p]![method.toUpperCase()];
      for (const scope of TOKEN_SCOPES) {
        const crowdsec = p.startsWith("/api/crowdsec/");
        const response = await call(handler, p.replace("{id}", id), {
          method: method.toUpperCase(),
          params: { id },
          body: method === "post" ? (bodies[p] ?? {}) : undefined,
          ...(crowdsec ? { headers: { "x-api-key": tokens[scope]! } } : { token: tokens[scope] }),
        });
        const allowed = op["x-reflex-token-scopes"]!.includes(scope);
        const where = `${method.toUpperCase()} ${p} with a ${scope} token: ${response.status}`;
        if (allowed) expect([401, 403], where).not.toContain(response.status);
        else expect(response.status, where).toBe(403);
        checked.push(where);
      }
    }
    expect(checked.length).toBe(21 * TOKEN_SCOPES.length);
  });

  it("states the release body's rules as the route applies them (reason: 3 characters at least)", async () => {
    const { token } = await createToken("admin");
    const schema = doc.components.schemas.ReleaseRequest as { properties: { reason: { minLength: number } } };
    const min = schema.properties.reason.minLength;
    const id = "00000000-0000-4000-8000-000000000000";
    const at = (reason: string, status: number) => callError(release.POST, `/api/v1/containments/${id}/release`, { token, params: { id }, body: { reason }, status });
    expect((await at("x".repeat(min - 1), 400)).fields?.reason).toBeDefined();
    expect((await at("x".repeat(min), 404)).code).toBe("NOT_FOUND");
  });
});
