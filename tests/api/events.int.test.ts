import { describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { db } from "@/lib/db/client";
import { readSharedText } from "@/lib/ingest/test-samples";
import { ZEventIngestResult } from "@/lib/server/openapi/response-schemas";
import { callError, callJson, createToken, useDemoOrganisation } from "./route-helpers";

vi.mock("@/lib/server/auth/current-user", () => import("./session-mock"));

useDemoOrganisation();

const EVENTS = "/api/v1/events";

function failureLines(ip: string, count: number, start = Date.now() - 5 * 60_000): string {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({ time: new Date(start + i * 10_000).toISOString(), kind: "auth_failure", source_ip: ip, account: `user${i}`, host: "web-01", message: `Failed password for user${i} from ${ip} port 5${i}000 ssh2` }),
  ).join("\n");
}

describe("POST /api/v1/events", () => {
  it("stores JSON lines, and the brute-force detector raises and decides an alert from them", async () => {
    const { token } = await createToken("ingest");
    const result = ZEventIngestResult.parse(await callJson(POST, EVENTS, { token, body: failureLines("45.155.205.70", 8), headers: { "content-type": "application/x-ndjson" } }));
    expect(result.inserted).toBe(8);
    expect(result.detections).toHaveLength(1);
    expect(result.detections[0]).toMatchObject({ ip: "45.155.205.70", failures: 8, duplicate: false, verdict: expect.any(String) });
    expect(await db().contextEvent.count({ where: { sourceIp: "45.155.205.70" } })).toBe(8);
  });

  it("reads sshd logs with format=sshd", async () => {
    const { token } = await createToken("ingest");
    const log = readSharedText("samples/sshd/fail2ban-sshd.log");
    const result = ZEventIngestResult.parse(await callJson(POST, `${EVENTS}?format=sshd`, { token, body: log, headers: { "content-type": "text/plain" } }));
    expect(result.inserted).toBeGreaterThan(10);
  });

  it("refuses a bad line by its number, writing nothing; and an unknown format", async () => {
    const { token } = await createToken("ingest");
    const before = await db().contextEvent.count();
    const body = `${failureLines("45.155.205.71", 1)}\n{"time":"2025-01-31T12:00:00Z","kind":"auth_failure","source_ip":"999.1.1.1"}\n`;
    const error = await callError(POST, EVENTS, { token, body, status: 400 });
    expect(error.fields?.["line 2.source_ip"]?.[0]).toMatch(/"999\.1\.1\.1" is not an IP address/);
    expect(await db().contextEvent.count()).toBe(before);

    const format = await callError(POST, `${EVENTS}?format=csv`, { token, body: "x", status: 400 });
    expect(format.message).toMatch(/jsonl \(default\) or sshd/);
  });

  it("needs events:ingest", async () => {
    const { token } = await createToken("bouncer");
    await callError(POST, EVENTS, { token, body: failureLines("45.155.205.72", 1), status: 403 });
    await callError(POST, EVENTS, { body: failureLines("45.155.205.72", 1), status: 401 });
    expect(await db().contextEvent.count({ where: { sourceIp: "45.155.205.72" } })).toBe(0);
  });
});
