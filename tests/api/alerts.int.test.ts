import { describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/v1/alerts/route";
import { GET as listContainments } from "@/app/api/v1/containments/route";
import { db } from "@/lib/db/client";
import { parseAlertPayload } from "@/lib/ingest/parse-alerts";
import { listJsonSamples, readSample } from "@/lib/ingest/test-samples";
import { MAX_BODY_BYTES } from "@/lib/server/http/read-body";
import { ZAlertIngestResult } from "@/lib/server/openapi/response-schemas";
import { wazuhBruteForce } from "@/tests/helpers/pipeline";
import { call, callError, callJson, createToken, useDemoOrganisation, writtenRows } from "./route-helpers";

vi.mock("@/lib/server/auth/current-user", () => import("./session-mock"));

useDemoOrganisation();

const ALERTS = "/api/v1/alerts";

async function postAlerts(body: unknown, options: { query?: string; headers?: Record<string, string> } = {}) {
  const { token } = await createToken("ingest");
  return ZAlertIngestResult.parse(await callJson(POST, `${ALERTS}${options.query ?? ""}`, { token, body, headers: options.headers }));
}

/** A Kibana Webhook connector body rendered from `{{rule.*}}` and `{{{context.alerts}}}` (8.x, dotted keys as stored). */
function kibanaWebhook(sourceIp: string) {
  return {
    rule: { id: "2b7c43a0-3e5d-11ef-9c1b-5f0e2d1c6a7b", name: "Potential SSH Brute Force Detected", type: "siem.queryRule", spaceId: "default", tags: ["SSH", "Linux"] },
    date: "2025-05-31T22:10:07.000Z",
    alerts: [
      {
        "@timestamp": "2025-05-31T22:10:05.112Z",
        _id: `4f1c9e0b7d2a6c3e5f8a1b2c3d4e5f60-${sourceIp}`,
        _index: ".internal.alerts-security.alerts-default-000001",
        "kibana.alert.uuid": `4f1c9e0b7d2a6c3e5f8a1b2c3d4e5f60-${sourceIp}`,
        "kibana.alert.rule.name": "Potential SSH Brute Force Detected",
        "kibana.alert.rule.uuid": "2b7c43a0-3e5d-11ef-9c1b-5f0e2d1c6a7b",
        "kibana.alert.rule.rule_id": "1c27fa22-7727-4dd3-81c0-de6da5555feb",
        "kibana.alert.rule.category": "Threshold Rule",
        "kibana.alert.severity": "high",
        "kibana.alert.risk_score": 73,
        "kibana.alert.workflow_status": "open",
        "kibana.alert.original_time": "2025-05-31T22:09:58.000Z",
        "kibana.alert.reason": `authentication event with source ${sourceIp} by root on web-01 created high alert Potential SSH Brute Force Detected.`,
        "kibana.alert.threshold_result": { count: 27, terms: [{ field: "source.ip", value: sourceIp }] },
        "kibana.space_ids": ["default"],
        "event.kind": "signal",
        "event.category": ["authentication"],
        "event.outcome": "failure",
        source: { ip: sourceIp, port: 52144, geo: { country_iso_code: "NL" } },
        host: { name: "web-01", hostname: "web-01", ip: ["10.20.0.11"], os: { family: "debian" } },
        user: { name: "root" },
      },
    ],
  };
}

const GENERIC = {
  source: "edge-ids",
  id: "evt-8812",
  rule: "ssh-bruteforce",
  title: "SSH brute force from 45.155.205.7",
  severity: "high",
  time: "2025-05-31T23:58:00+02:00",
  target: { kind: "ip", value: "45.155.205.7" },
  entities: [{ kind: "account", value: "root", role: "related" }],
};

describe("POST /api/v1/alerts: every real sample format", () => {
  const samples = listJsonSamples().filter((f) => /^(wazuh|alertmanager|ocsf|splunk|crowdsec)\//.test(f));

  it.each(samples)("%s → 200 with one outcome per alert", async (file) => {
    const payload = readSample(file);
    const expected = parseAlertPayload(payload, { receivedAt: new Date() });
    if (!expected.ok) {
      // Prowler's OCSF 2001 posture findings name nothing to contain: refused per item, nothing stored.
      const { token } = await createToken("ingest");
      const before = await writtenRows();
      const error = await callError(POST, ALERTS, { token, body: payload, status: 400 });
      expect(Object.keys(error.fields ?? {})).toEqual(expected.errors.map((e) => e.path));
      expect(await writtenRows()).toEqual(before);
      return;
    }
    const result = await postAlerts(payload);
    expect(result.format).toBe(file.split("/")[0]);
    expect(result.alerts).toHaveLength(expected.alerts.length);
    expect(result.alerts.map((a) => a.externalId)).toEqual(expected.alerts.map((a) => a.externalId));
    expect(result.accepted + result.duplicates).toBe(result.alerts.length);
    for (const [i, outcome] of result.alerts.entries()) {
      if (outcome.duplicate) expect(outcome.verdict).toBeNull();
      else if (expected.alerts[i]!.target === null) expect(outcome).toMatchObject({ rejected: expect.any(String), verdict: null });
      // Decided, or stored with the reason no decision was needed (no playbook handles it).
      else if (!outcome.duplicate) expect(outcome.verdict ?? outcome.note).toEqual(expect.any(String));
    }
  });

  it("a Kibana Webhook connector body (Elastic Security) → contained", async () => {
    const result = await postAlerts(kibanaWebhook("45.155.205.41"));
    expect(result).toMatchObject({ format: "elastic", accepted: 1, duplicates: 0 });
    expect(result.alerts).toHaveLength(1);
    expect(result.alerts[0]!.externalId).toBe("4f1c9e0b7d2a6c3e5f8a1b2c3d4e5f60-45.155.205.41");
    expect(result.alerts[0]!.verdict).not.toBeNull();
  });

  it("the generic format, one alert and a batch", async () => {
    const one = await postAlerts(GENERIC);
    expect(one).toMatchObject({ format: "generic", accepted: 1, duplicates: 0, skipped: [] });
    expect(one.alerts[0]).toMatchObject({ externalId: "evt-8812", duplicate: false, rejected: null, verdict: expect.any(String) });

    const batch = await postAlerts({ alerts: [{ ...GENERIC, id: "evt-8813" }, { ...GENERIC, id: 8814, target: { kind: "ip", value: "45.155.205.8" } }] });
    expect(batch.alerts.map((a) => a.externalId)).toEqual(["evt-8813", "8814"]);
  });

  it("a Wazuh brute force from a public address is contained autonomously under the demo policy", async () => {
    const result = await postAlerts(wazuhBruteForce("45.155.205.42"));
    expect(result.alerts[0]).toMatchObject({ verdict: "execute", containmentId: expect.any(String) });
    const c = await db().containment.findUniqueOrThrow({ where: { id: result.alerts[0]!.containmentId! } });
    expect(c).toMatchObject({ targetValue: "45.155.205.42", status: "ACTIVE", action: "block_ip" });
  });

  it("names the format on request: each format of the documented enum is accepted, a wrong one is 400", async () => {
    const { token } = await createToken("ingest");
    const { buildOpenApiDocument } = await import("@/lib/server/openapi/build-openapi");
    const param = buildOpenApiDocument().paths["/api/v1/alerts"].post.parameters.find((p) => p.name === "format")!;
    const formats = (param.schema as { enum: string[] }).enum;
    expect(formats).toContain("elastic");
    for (const format of formats) {
      // An empty batch is refused for what it is, never for the format.
      const error = await callError(POST, `${ALERTS}?format=${format}`, { token, body: [], status: 400 });
      expect(error.fields?.format, format).toBeUndefined();
      expect(error.message).toMatch(/no alerts/);
    }
    const before = await writtenRows();
    const error = await callError(POST, `${ALERTS}?format=nope`, { token, body: GENERIC, status: 400 });
    expect(error).toMatchObject({ code: "BAD_INPUT", message: expect.stringMatching(/format must be one of/) });
    expect(error.fields?.format?.[0]).toMatch(/generic/);
    expect(await writtenRows()).toEqual(before);
  });
});

describe("POST /api/v1/alerts: refusals write nothing", () => {
  it("no token, a wrong token or a revoked one → 401", async () => {
    const revoked = await createToken("ingest");
    await db().apiToken.update({ where: { name: revoked.name }, data: { revokedAt: new Date() } });
    const before = await writtenRows();
    const body = wazuhBruteForce("45.155.205.43");
    expect((await callError(POST, ALERTS, { body, status: 401 })).code).toBe("UNAUTHENTICATED");
    expect((await callError(POST, ALERTS, { token: "rfx_ingest_not-a-real-token", body, status: 401 })).message).toMatch(/missing, wrong or revoked/);
    await callError(POST, ALERTS, { headers: { "x-api-key": revoked.token }, body, status: 401 });
    expect(await writtenRows()).toEqual(before);
  });

  it("a token without alerts:ingest → 403", async () => {
    const { token } = await createToken("feed");
    const before = await writtenRows();
    const error = await callError(POST, ALERTS, { token, body: wazuhBruteForce("45.155.205.44"), status: 403 });
    expect(error).toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/"feed" does not allow alerts:ingest/) });
    expect(await writtenRows()).toEqual(before);
  });

  it("an ingest token on the containments API → 403", async () => {
    const { token } = await createToken("ingest");
    const error = await callError(listContainments, "/api/v1/containments", { token, status: 403 });
    expect(error.message).toMatch(/containment:view/);
  });

  it("malformed JSON → 400 saying why", async () => {
    const { token } = await createToken("ingest");
    const before = await writtenRows();
    const error = await callError(POST, ALERTS, { token, body: '{"source": "edge-ids", "id": ', status: 400 });
    expect(error).toMatchObject({ code: "BAD_INPUT", message: expect.stringMatching(/not valid JSON \(.+\)/) });
    expect(await writtenRows()).toEqual(before);
  });

  it("a bad field → 400 with its path in error.fields; a batch is all or nothing", async () => {
    const { token } = await createToken("ingest");
    const before = await writtenRows();
    const one = await callError(POST, ALERTS, { token, body: { ...GENERIC, id: "bad-1", target: { kind: "ip", value: "999.1.1.1" } }, status: 400 });
    expect(one.fields?.["target.value"]?.[0]).toMatch(/"999\.1\.1\.1" is not an IP address/);
    expect(one.message).toMatch(/target\.value/);

    const batch = await callError(POST, ALERTS, {
      token,
      body: { alerts: [{ ...GENERIC, id: "good-2" }, { ...GENERIC, id: "bad-2", target: { kind: "ip", value: "999.1.1.1" } }, { ...GENERIC, id: "bad-3", targte: null }] },
      status: 400,
    });
    expect(Object.keys(batch.fields ?? {})).toEqual(expect.arrayContaining(["alerts[1].target.value", "alerts[2]"]));
    expect(await writtenRows()).toEqual(before);
    expect(await db().alert.count({ where: { externalId: "good-2" } })).toBe(0);
  });

  it("a body over 10 MiB → 413, whether or not Content-Length says so", async () => {
    const { token } = await createToken("ingest");
    const before = await writtenRows();
    const padding = "x".repeat(MAX_BODY_BYTES);
    const big = JSON.stringify({ ...GENERIC, id: "too-big", details: { padding } });
    expect(Buffer.byteLength(big)).toBeGreaterThan(MAX_BODY_BYTES);
    const error = await callError(POST, ALERTS, { token, body: big, status: 413 });
    expect(error).toMatchObject({ code: "TOO_LARGE", message: expect.stringMatching(/larger than 10 MiB/) });
    await callError(POST, ALERTS, { token, body: big, headers: { "content-length": String(Buffer.byteLength(big)) }, status: 413 });
    expect(await writtenRows()).toEqual(before);
  });
});

describe("POST /api/v1/alerts: retries", () => {
  it("a repeated Idempotency-Key answers with the alert stored the first time, marked duplicate", async () => {
    const headers = { "Idempotency-Key": "batch-2025-06-01-0001" };
    const first = await postAlerts(wazuhBruteForce("45.155.205.45", "idem-first"), { headers });
    expect(first).toMatchObject({ accepted: 1, duplicates: 0 });
    // The retry carries a regenerated id: only the key ties it to the first request.
    const again = await postAlerts(wazuhBruteForce("45.155.205.45", "idem-retry"), { headers });
    expect(again).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(again.alerts[0]).toMatchObject({ duplicate: true, id: first.alerts[0]!.id, verdict: null });
    expect(await db().alert.count({ where: { externalId: "idem-retry" } })).toBe(0);
    expect(await db().decision.count({ where: { alertId: first.alerts[0]!.id } })).toBe(1);
  });

  it("the same alert sent twice (no key) is stored and decided once", async () => {
    const payload = wazuhBruteForce("45.155.205.46", "same-twice");
    const first = await postAlerts(payload);
    const second = await postAlerts(payload);
    expect(second.alerts[0]).toMatchObject({ duplicate: true, id: first.alerts[0]!.id });
    expect(await db().containment.count({ where: { targetValue: "45.155.205.46" } })).toBe(1);
  });

  // Regression: a repeat inside one batch used to count as new (two ALERT_RECEIVED rows).
  it("a batch that carries the same alert twice stores and decides it once", async () => {
    const alert = { ...GENERIC, id: "in-batch-twice", target: { kind: "ip", value: "45.155.205.47" } };
    const result = await postAlerts([alert, alert]);
    expect(result.alerts.map((a) => a.duplicate)).toEqual([false, true]);
    expect(result).toMatchObject({ accepted: 1, duplicates: 1 });
    const stored = await db().alert.findFirstOrThrow({ where: { externalId: "in-batch-twice" } });
    expect(await db().auditEvent.count({ where: { alertId: stored.id, type: "ALERT_RECEIVED" } })).toBe(1);
    expect(await db().decision.count({ where: { alertId: stored.id } })).toBe(1);
  });
});
