import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ENTITY_KINDS } from "@/lib/domain/types";
import { parseContextEventJson } from "@/lib/ingest/context-event";
import { parseAlertPayload, POSTABLE_ALERT_FORMATS } from "@/lib/ingest/parse-alerts";
import { parseSshdLog } from "@/lib/ingest/sshd";
import { ZContainmentQuery } from "@/lib/server/containments/list-containments";
import { MAX_HOLD_OFF_SECONDS, ZReleaseRequest } from "@/lib/server/containments/release-containment";
import { ZKillSwitchChange } from "@/lib/server/pipeline/set-kill-switch";
import { buildOpenApiDocument } from "./build-openapi";

type TJson = Record<string, unknown>;
type TOperation = TJson & { operationId: string; parameters?: TJson[]; security?: TJson[]; responses: TJson; requestBody?: TJson };

const doc = buildOpenApiDocument();
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

function operations(): { path: string; method: string; op: TOperation }[] {
  return Object.entries(doc.paths as Record<string, Record<string, TOperation>>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ path, method, op })),
  );
}

function op(path: string, method: string): TOperation {
  return (doc.paths as Record<string, Record<string, TOperation>>)[path]![method]!;
}

function resolve(pointer: string): unknown {
  expect(pointer.startsWith("#/")).toBe(true);
  return pointer
    .slice(2)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, part) => (node as TJson | undefined)?.[part], doc);
}

function refsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, out));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") out.push(value);
      else refsIn(value, out);
    }
  }
  return out;
}

function jsonExample(operation: TOperation, name?: string): unknown {
  const media = (operation.requestBody as { content: Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }> }).content["application/json"]!;
  return name ? media.examples![name]!.value : media.example;
}

describe("the OpenAPI document", () => {
  it("is plain JSON in OpenAPI 3.1 with the public API's paths", () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: "Reflex API", version: expect.any(String) });
    expect(operations().map(({ path, method }) => `${method.toUpperCase()} ${path}`).sort()).toEqual(
      [
        "POST /api/v1/alerts",
        "POST /api/v1/events",
        "GET /api/v1/containments",
        "GET /api/v1/containments/{id}",
        "POST /api/v1/containments/{id}/release",
        "GET /api/v1/kill-switch",
        "POST /api/v1/kill-switch",
        "GET /api/v1/feeds/blocklist.txt",
        "GET /api/v1/openapi.json",
        "GET /api/v1/audit",
        "GET /api/v1/audit/chain",
        "GET /api/v1/protected-assets",
        "POST /api/v1/protected-assets",
        "GET /api/v1/protected-assets/{id}",
        "PUT /api/v1/protected-assets/{id}",
        "PATCH /api/v1/protected-assets/{id}",
        "DELETE /api/v1/protected-assets/{id}",
        "GET /api/crowdsec/v1/decisions",
        "HEAD /api/crowdsec/v1/decisions",
        "GET /api/crowdsec/v1/decisions/stream",
        "HEAD /api/crowdsec/v1/decisions/stream",
        "POST /api/crowdsec/v1/usage-metrics",
      ].sort(),
    );
  });

  it("is well formed: unique operation ids, resolvable $refs, declared path parameters, known security schemes", () => {
    const ids = operations().map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const pointer of refsIn(doc)) expect(resolve(pointer), pointer).toBeDefined();
    const schemes = Object.keys(doc.components.securitySchemes);
    for (const { path, method, op: o } of operations()) {
      const where = `${method} ${path}`;
      expect(Object.keys(o.responses).length, where).toBeGreaterThan(0);
      for (const status of Object.keys(o.responses)) expect(status, where).toMatch(/^[1-5]\d\d$/);
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (o.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
      expect(declared, where).toEqual(templated);
      for (const p of o.parameters ?? []) expect(p.in === "path" ? p.required : true, where).toBe(true);
      for (const requirement of o.security ?? []) for (const name of Object.keys(requirement)) expect(schemes, where).toContain(name);
      if (path === "/api/v1/openapi.json") expect(o.security).toEqual([]);
      else expect(o.security?.length, where).toBeGreaterThan(0);
    }
  });

  it("takes request schemas from the zod schemas the routes parse with", () => {
    const release = doc.components.schemas.ReleaseRequest as TJson & { properties: Record<string, TJson> };
    expect(release.required).toEqual(["reason"]);
    expect(release.properties.reason).toMatchObject({ type: "string", minLength: 3, maxLength: 500 });
    expect(release.properties.holdOffSeconds).toMatchObject({ type: "integer", minimum: 0, maximum: MAX_HOLD_OFF_SECONDS });
    const { $schema: _, ...fromZod } = z.toJSONSchema(ZReleaseRequest, { io: "input" }) as TJson;
    expect(release).toEqual(fromZod);

    const generic = doc.components.schemas.GenericAlert as TJson & { properties: Record<string, TJson & { anyOf?: TJson[] }> };
    expect(generic).toMatchObject({ type: "object", additionalProperties: false, required: ["source", "id", "rule", "title"] });
    expect(generic.properties.target!.anyOf![0]).toMatchObject({ properties: { kind: { enum: [...ENTITY_KINDS] } } });
    expect(doc.components.schemas.GenericAlertBatch).toMatchObject({ type: "array", items: { $ref: "#/components/schemas/GenericAlert" } });

    const query = op("/api/v1/containments", "get").parameters!;
    expect(query.map((p) => p.name)).toEqual(Object.keys(ZContainmentQuery.shape));
    expect(query.find((p) => p.name === "status")!.schema).toMatchObject({ enum: ZContainmentQuery.shape.status.unwrap().options });
    expect(query.find((p) => p.name === "limit")!.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 500, default: 100 });

    const format = op("/api/v1/alerts", "post").parameters!.find((p) => p.name === "format")!;
    expect(format).toMatchObject({ in: "query", required: false, schema: { enum: POSTABLE_ALERT_FORMATS } });
    expect(op("/api/v1/alerts", "post").parameters!.find((p) => p.name === "Idempotency-Key")).toMatchObject({ in: "header", schema: { maxLength: 200 } });
  });

  it("documents the error shape and the statuses of POST /api/v1/alerts", () => {
    const alerts = op("/api/v1/alerts", "post");
    expect(Object.keys(alerts.responses).sort()).toEqual(["200", "400", "401", "403", "413", "500"]);
    expect(resolve((alerts.responses["413"] as { $ref: string }).$ref)).toMatchObject({ content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorBody" } } } });
    expect(doc.components.schemas.ErrorBody).toMatchObject({
      required: ["error"],
      properties: { error: { required: ["code", "message"], properties: { code: { enum: expect.arrayContaining(["BAD_INPUT", "UNAUTHENTICATED", "FORBIDDEN", "TOO_LARGE"]) } } } },
    });
    expect(alerts.description).toMatch(/detected automatically/);
  });

  it("states who may call each operation, from the permission maps", () => {
    const scopes = (path: string, method: string) => op(path, method)["x-reflex-token-scopes"];
    expect(scopes("/api/v1/alerts", "post")).toEqual(["ingest", "admin"]);
    expect(scopes("/api/v1/containments", "get")).toEqual(["admin"]);
    expect(scopes("/api/v1/containments/{id}/release", "post")).toEqual(["admin"]);
    expect(scopes("/api/v1/feeds/blocklist.txt", "get")).toEqual(["feed", "admin"]);
    expect(scopes("/api/crowdsec/v1/decisions/stream", "get")).toEqual(["bouncer", "admin"]);
    expect(op("/api/crowdsec/v1/decisions/stream", "get").security).toEqual([{ apiKeyHeader: [] }]);
    const toggle = op("/api/v1/kill-switch", "post");
    expect(toggle).toMatchObject({ "x-reflex-token-scopes": [], "x-reflex-roles": ["CISO"], security: [{ consoleSession: [] }] });
    expect(op("/api/v1/containments/{id}/release", "post").description).toMatch(/OWNER: only for assets they registered/);
  });

  it("has examples the routes accept", () => {
    const alerts = op("/api/v1/alerts", "post");
    for (const name of ["generic", "batch"]) expect(parseAlertPayload(jsonExample(alerts, name), { receivedAt: new Date() }).ok, name).toBe(true);
    expect(ZReleaseRequest.safeParse(jsonExample(op("/api/v1/containments/{id}/release", "post"))).success).toBe(true);
    expect(ZKillSwitchChange.safeParse(jsonExample(op("/api/v1/kill-switch", "post"))).success).toBe(true);
    const events = (op("/api/v1/events", "post").requestBody as { content: Record<string, { example: string }> }).content;
    expect(parseContextEventJson(events["application/x-ndjson"]!.example)).toMatchObject({ ok: true, events: [expect.anything()] });
    expect(parseSshdLog(events["text/plain"]!.example, { reference: new Date("2025-02-01T00:00:00Z") }).events).toHaveLength(1);
  });
});
