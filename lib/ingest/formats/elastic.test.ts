// No Elastic sample could be redistributed (shared/samples/SOURCES.md), so these fixtures
// are written from the documented alert schema: 8.x `kibana.alert.*` fields (stored with
// dotted keys, as `{{context.alerts}}` renders them), 7.x `signal.*`, ECS source/host/user.
import { describe, expect, it } from "vitest";
import { parseAlertPayload } from "../parse-alerts";
import { riskScoreSeverity } from "./elastic";

const receivedAt = new Date("2025-06-01T00:00:00Z");

const alert8x = {
  "@timestamp": "2025-05-31T22:10:05.112Z",
  _id: "4f1c9e0b7d2a6c3e5f8a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a",
  "kibana.alert.uuid": "4f1c9e0b7d2a6c3e5f8a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a",
  "kibana.alert.rule.name": "Potential SSH Brute Force Detected",
  "kibana.alert.rule.uuid": "2b7c43a0-3e5d-11ef-9c1b-5f0e2d1c6a7b",
  "kibana.alert.rule.rule_id": "1c27fa22-7727-4dd3-81c0-de6da5555feb",
  "kibana.alert.rule.category": "Custom Query Rule",
  "kibana.alert.severity": "medium",
  "kibana.alert.risk_score": 47,
  "kibana.alert.workflow_status": "open",
  "kibana.alert.original_time": "2025-05-31T22:09:58.000Z",
  "kibana.alert.reason": "authentication event with source 198.51.100.23 by root on web-01 created medium alert",
  "kibana.space_ids": ["default"],
  "event.kind": "signal",
  "event.category": ["authentication"],
  "event.outcome": "failure",
  source: { ip: "198.51.100.23", port: 52144 },
  host: { name: "WEB-01", hostname: "web-01", ip: ["10.20.0.11"], os: { family: "debian" } },
  user: { name: "root" },
};

const alert8xNested = {
  "@timestamp": "2025-05-31T22:12:00.000Z",
  kibana: {
    alert: {
      uuid: "9a8b7c6d",
      rule: { name: "Okta user session impersonation", uuid: "r-2", rule_id: "cdbebdc1-dc97-43c6-a538-f26a20c0a911", severity: "critical" },
      original_time: "2025-05-31T22:11:00.000Z",
    },
  },
  user: { name: "j.doe@example.com" },
  "client.ip": "2001:DB8::7",
};

const signal7x = {
  "@timestamp": "2021-03-02T10:00:00.000Z",
  signal: {
    rule: { id: "9e1c2f3a-7b6d-4c5e-8f9a-0b1c2d3e4f5a", rule_id: "ssh-bf-7x", name: "SSH brute force (7.x)", risk_score: 80 },
    original_time: "2021-03-02T09:59:30.000Z",
    status: "open",
  },
  source: { ip: "203.0.113.50" },
  host: { name: "bastion" },
};

describe("elastic format", () => {
  it("reads an 8.x alert document with dotted kibana.alert.* keys", () => {
    const result = parseAlertPayload(alert8x, { receivedAt });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.format).toBe("elastic");
    expect(result.alerts[0]).toMatchObject({
      format: "elastic",
      source: "elastic",
      externalId: alert8x["kibana.alert.uuid"],
      ruleId: "elastic:1c27fa22-7727-4dd3-81c0-de6da5555feb",
      title: "Potential SSH Brute Force Detected",
      severity: "medium",
      target: { kind: "ip", value: "198.51.100.23", role: "target" },
      entities: [
        { kind: "ip", value: "198.51.100.23", role: "target" },
        { kind: "account", value: "root", role: "related" },
        { kind: "host", value: "web-01", role: "related" },
        { kind: "ip", value: "10.20.0.11", role: "related" },
      ],
    });
    expect(result.alerts[0]?.occurredAt.toISOString()).toBe("2025-05-31T22:09:58.000Z");
  });

  it("reads nested kibana objects and client.ip, and takes the account when there is no source", () => {
    const result = parseAlertPayload(alert8xNested, { receivedAt });
    expect(result.ok && result.alerts[0]).toMatchObject({
      externalId: "9a8b7c6d",
      severity: "critical",
      target: { kind: "ip", value: "2001:db8::7", role: "target" },
    });
    const withoutIp = { ...alert8xNested, "client.ip": undefined };
    const second = parseAlertPayload(withoutIp, { receivedAt });
    expect(second.ok && second.alerts[0]?.target).toEqual({ kind: "account", value: "j.doe@example.com", role: "target" });
  });

  it("reads a 7.x signal, with severity from its risk score and an id derived from its content", () => {
    const result = parseAlertPayload(signal7x, { receivedAt });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [alert] = result.alerts;
    expect(alert).toMatchObject({ ruleId: "elastic:ssh-bf-7x", severity: "critical", title: "SSH brute force (7.x)" });
    expect(alert?.externalId).toMatch(/^doc-[0-9a-f]{16}$/);
    expect(alert?.occurredAt.toISOString()).toBe("2021-03-02T09:59:30.000Z");
    const again = parseAlertPayload(structuredClone(signal7x), { receivedAt });
    expect(again.ok && again.alerts[0]?.externalId).toBe(alert?.externalId);
  });

  it("reads the alerts out of a template envelope, with the rule beside them", () => {
    const bare = { _id: "a-1", "@timestamp": "2025-05-31T22:00:00Z", source: { ip: "192.0.2.44" } };
    for (const body of [
      { rule: { id: "r-9", name: "Port scan" }, alerts: [bare, alert8x] },
      { context: { rule: { id: "r-9", name: "Port scan" }, alerts: [bare, alert8x] } },
    ]) {
      const result = parseAlertPayload(body, { receivedAt });
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(result.alerts.map((a) => [a.externalId, a.ruleId, a.title])).toEqual([
        ["a-1", "elastic:r-9", "Port scan"],
        [alert8x["kibana.alert.uuid"], "elastic:1c27fa22-7727-4dd3-81c0-de6da5555feb", "Potential SSH Brute Force Detected"],
      ]);
    }
  });

  it("rejects documents that name no rule, with the path of the document", () => {
    const result = parseAlertPayload({ context: { alerts: [alert8x, { _id: "x" }] } }, { format: "elastic", receivedAt });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.path).toBe("context.alerts[1]");
    const notAlerts = parseAlertPayload({ alerts: "nope" }, { format: "elastic", receivedAt });
    expect(notAlerts).toEqual({ ok: false, errors: [{ path: "alerts", message: 'must be an array, not "nope"' }] });
  });

  it("maps risk scores with Elastic's bands", () => {
    expect([0, 21, 22, 47, 48, 73, 74, 100].map(riskScoreSeverity)).toEqual([
      "low", "low", "medium", "medium", "high", "high", "critical", "critical",
    ]);
  });
});
