import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect } from "vitest";
import type { TTokenScope } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { ZErrorBody } from "@/lib/server/openapi/response-schemas";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { seedDemo } from "@/prisma/seed-demo";
import { signOut } from "./session-mock";

// Route tests call the exported handlers as Next.js does: a Request and a context whose
// params is a promise. The routes enqueue jobs with pg-boss, which starts against this
// file's database; it is stopped before the database is (afterAll hooks run last-in first-out).

type THandler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

export function useDemoOrganisation(): void {
  beforeAll(async () => {
    await seedDemo(db());
  });
  afterAll(async () => {
    signOut();
    await stopBoss();
  });
}

export async function createToken(scope: TTokenScope): Promise<{ token: string; name: string }> {
  const created = await createApiToken(db(), { input: { name: `${scope}-${randomBytes(4).toString("hex")}`, scope }, actor: SYSTEM_ACTOR });
  return { token: created.token, name: created.name };
}

export type TCall = {
  method?: string;
  token?: string;
  /** JSON-encoded unless it is already a string. */
  body?: unknown;
  headers?: Record<string, string>;
  params?: Record<string, string>;
};

export function apiRequest(path: string, options: TCall = {}): Request {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  const hasBody = options.body !== undefined;
  if (hasBody && !headers.has("content-type")) headers.set("content-type", "application/json");
  return new Request(`http://localhost${path}`, {
    method: options.method ?? (hasBody ? "POST" : "GET"),
    headers,
    body: hasBody ? (typeof options.body === "string" ? options.body : JSON.stringify(options.body)) : undefined,
  });
}

export async function call(handler: unknown, path: string, options: TCall = {}): Promise<Response> {
  return (handler as THandler)(apiRequest(path, options), { params: Promise.resolve(options.params ?? {}) as Promise<never> });
}

/** Calls and reads the JSON answer, expecting `status`. */
export async function callJson<T = unknown>(handler: unknown, path: string, options: TCall & { status?: number } = {}): Promise<T> {
  const response = await call(handler, path, options);
  const text = await response.text();
  expect(response.status, text).toBe(options.status ?? 200);
  return JSON.parse(text) as T;
}

/** An error answer: the documented `{ error: { code, message, fields } }` shape, parsed. */
export async function callError(handler: unknown, path: string, options: TCall & { status: number }) {
  return ZErrorBody.parse(await callJson(handler, path, options)).error;
}

/** Rows a refused request must not have written. */
export async function writtenRows(): Promise<{ alerts: number; audit: number; containments: number }> {
  const [alerts, audit, containments] = await Promise.all([db().alert.count(), db().auditEvent.count(), db().containment.count()]);
  return { alerts, audit, containments };
}
