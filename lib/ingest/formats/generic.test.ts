import { describe, expect, it } from "vitest";
import { parseAlertPayload } from "../parse-alerts";

const receivedAt = new Date("2025-06-01T00:00:00Z");
const base = {
  source: "edge-ids",
  id: "evt-8812",
  rule: "ssh-bruteforce",
  title: "SSH brute force from 203.0.113.7",
  severity: "high",
  time: "2025-05-31T23:58:00+02:00",
  target: { kind: "ip", value: "::ffff:203.0.113.7" },
  entities: [
    { kind: "account", value: "root" },
    { kind: "host", value: "Bastion-01", role: "related" },
    { kind: "ip", value: "203.0.113.7", role: "source" },
  ],
};

describe("generic format", () => {
  it("reads the documented example", () => {
    const result = parseAlertPayload(base, { receivedAt });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.format).toBe("generic");
    expect(result.alerts[0]).toMatchObject({
      format: "generic",
      source: "edge-ids",
      externalId: "evt-8812",
      ruleId: "ssh-bruteforce",
      severity: "high",
      target: { kind: "ip", value: "203.0.113.7", role: "target" },
      // The target repeated in entities is dropped; roles default to related.
      entities: [
        { kind: "ip", value: "203.0.113.7", role: "target" },
        { kind: "account", value: "root", role: "related" },
        { kind: "host", value: "bastion-01", role: "related" },
      ],
    });
    expect(result.alerts[0]?.occurredAt.toISOString()).toBe("2025-05-31T21:58:00.000Z");
  });

  it("defaults: severity medium, time of receipt, no target", () => {
    const result = parseAlertPayload({ source: "s", id: 7, rule: "r", title: "t" }, { receivedAt });
    expect(result.ok && result.alerts[0]).toMatchObject({ severity: "medium", externalId: "7", target: null, entities: [], occurredAt: receivedAt });
  });

  it("accepts epoch seconds and milliseconds", () => {
    for (const time of [1748736000, 1748736000000, "1748736000"]) {
      const result = parseAlertPayload({ ...base, time }, { receivedAt });
      expect(result.ok && result.alerts[0]?.occurredAt.toISOString()).toBe("2025-06-01T00:00:00.000Z");
    }
  });

  it.each([
    [{ target: { kind: "cidr", value: "10.0.0.0/40" } }, "target.value", '"10.0.0.0/40" is not a CIDR range such as 203.0.113.0/24'],
    [{ target: { kind: "host", value: "web 01" } }, "target.value", `"web 01" is not a host name (letters, digits, '-', '_' and dots; an IP address is kind "ip")`],
    [{ target: { kind: "host", value: "10.0.0.1" } }, "target.value", expect.stringMatching(/is not a host name/)],
    [{ target: { kind: "mac", value: "x" } }, "target.kind", 'must be one of "ip", "cidr", "host", "account", "app"'],
    [{ entities: [{ kind: "ip", value: "1.2.3.4", role: "target" }] }, "entities[0].role", 'must be one of "source", "related"'],
    [{ severity: "urgent" }, "severity", 'must be one of "info", "low", "medium", "high", "critical"'],
    [{ time: "yesterday" }, "time", '"yesterday" is not a time: use ISO 8601 with a zone (2025-01-31T12:00:00Z) or epoch seconds'],
    [{ time: "2025-05-31T23:58:00" }, "time", expect.stringMatching(/with a zone/)],
    [{ title: "" }, "title", "must not be empty"],
    [{ targte: { kind: "ip", value: "1.2.3.4" } }, "", 'unknown field "targte"'],
  ])("rejects %j at %s", (patch, path, message) => {
    const result = parseAlertPayload({ ...base, ...patch }, { format: "generic", receivedAt });
    expect(result).toEqual({ ok: false, errors: [{ path, message }] });
  });

  it("accepts a batch as an array or as { alerts: [...] }", () => {
    const second = { ...base, id: "evt-8813" };
    for (const body of [[base, second], { alerts: [base, second] }]) {
      const result = parseAlertPayload(body, { receivedAt });
      expect(result.ok && result.alerts.map((a) => a.externalId)).toEqual(["evt-8812", "evt-8813"]);
    }
  });
});
