import { describe, expect, it } from "vitest";
import type { TNormalizedAlert } from "@/lib/domain/types";
import { wazuhSeverity } from "./formats/wazuh";
import { MAX_ALERT_BATCH, parseAlertPayload } from "./parse-alerts";
import { listJsonSamples, readSample } from "./test-samples";

const receivedAt = new Date("2025-06-01T00:00:00Z");

function parseSample(file: string): TNormalizedAlert[] {
  const result = parseAlertPayload(readSample(file), { receivedAt });
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.errors)}`);
  return result.alerts;
}

function only(alerts: TNormalizedAlert[]): TNormalizedAlert {
  expect(alerts).toHaveLength(1);
  return alerts[0] as TNormalizedAlert;
}

describe("every sample in shared/samples", () => {
  // The one sample that is rejected, and why: see the OCSF 2001 test below.
  const rejected = new Set(["ocsf/prowler-security-finding-2001-docs-example.json"]);

  it.each(listJsonSamples())("%s parses or is rejected with a reason", (file) => {
    const result = parseAlertPayload(readSample(file), { receivedAt });
    expect(result.ok).toBe(!rejected.has(file));
    if (!result.ok) expect(result.errors.every((e) => e.message.length > 20)).toBe(true);
    if (result.ok) {
      for (const alert of result.alerts) {
        expect(alert.target === null || alert.entities[0] === alert.target).toBe(true);
        expect(alert.externalId).not.toBe("");
        expect(Number.isNaN(alert.occurredAt.getTime())).toBe(false);
      }
    }
  });
});

describe("wazuh samples", () => {
  it("5712 brute force: the attacking IP, high severity, the alert id", () => {
    const alert = only(parseSample("wazuh/wazuh-5712-sshd-bruteforce-integratord-test.json"));
    expect(alert).toMatchObject({
      format: "wazuh",
      source: "wazuh:localhost.localdomain",
      externalId: "1652272159.1549653",
      ruleId: "wazuh:5712",
      severity: "high",
      target: { kind: "ip", value: "172.17.1.1", role: "target" },
    });
    expect(alert.occurredAt.toISOString()).toBe("2022-05-11T12:29:19.905Z");
    expect(alert.entities).toContainEqual({ kind: "account", value: "paco", role: "source" });
  });

  it("5503 PAM failure: srcip is the target, dstuser and the agent are context", () => {
    const alert = only(parseSample("wazuh/wazuh-5503-pam-login-failed.json"));
    expect(alert.target).toEqual({ kind: "ip", value: "222.186.30.76", role: "target" });
    expect(alert.severity).toBe("low");
    expect(alert.externalId).toBe("1587081881.16101");
    expect(alert.entities).toEqual([
      { kind: "ip", value: "222.186.30.76", role: "target" },
      { kind: "account", value: "root", role: "related" },
      { kind: "host", value: "amazon", role: "related" },
      { kind: "ip", value: "10.0.1.178", role: "related" },
    ]);
  });

  it("maps rule levels 0-15 onto five severities", () => {
    expect([0, 3, 4, 6, 7, 9, 10, 12, 13, 15].map(wazuhSeverity)).toEqual([
      "info", "info", "low", "low", "medium", "medium", "high", "high", "critical", "critical",
    ]);
  });

  it("5710 invalid user", () => {
    const alert = only(parseSample("wazuh/wazuh-5710-sshd-invalid-user.json"));
    expect(alert.target?.value).toBe("123.20.109.89");
    expect(alert.title).toBe("sshd: Attempt to login using a non-existent user");
  });
});

describe("alertmanager samples", () => {
  it("one alert per firing entry, severity from the label, fingerprint plus start as id", () => {
    const alerts = parseSample("alertmanager/zulip-alertmanager-firing.json");
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toMatchObject({
      externalId: "a1bc48475b20e73d@2020-02-06T00:17:58.432Z",
      ruleId: "alertmanager:High CPU Temperature",
      title: "High CPU core temperature",
      severity: "critical",
      target: { kind: "host", value: "andromeda", role: "target" },
    });
    expect(alerts[1]?.externalId).toBe("c2ea85182f28cbd9@2020-02-06T00:17:58.432Z");
  });

  it("skips resolved entries and says so", () => {
    const result = parseAlertPayload(readSample("alertmanager/zulip-alertmanager-resolved.json"), { receivedAt });
    expect(result).toEqual({
      ok: true,
      format: "alertmanager",
      alerts: [],
      skipped: [{ path: "alerts[0]", reason: "resolved: Reflex acts on firing alerts only" }],
    });
  });

  it("hashes the labels when the fingerprint is empty, and reads the instance host", () => {
    const alerts = parseSample("alertmanager/am-executor-alert-payload.json");
    expect(alerts).toHaveLength(2);
    expect(alerts[0]?.externalId).toMatch(/^labels-[0-9a-f]{16}@2016-04-07T16:08:52\.000Z$/);
    expect(alerts[0]?.externalId).not.toBe(alerts[1]?.externalId);
    expect(alerts[0]?.target).toEqual({ kind: "host", value: "localhost", role: "target" });
    expect(alerts[0]?.severity).toBe("medium");
  });

  it("a heartbeat alert with no entity keeps target null (the pipeline rejects it)", () => {
    const alerts = parseSample("alertmanager/calert-mock-payload.json");
    expect(alerts).toHaveLength(31);
    expect(alerts.every((a) => a.target === null && a.entities.length === 0)).toBe(true);
    // Thirty copies of one alert: one id, so the pipeline stores it once.
    expect(new Set(alerts.map((a) => a.externalId)).size).toBe(2);
    expect(alerts[0]?.severity).toBe("medium"); // "deadman" is no severity word
  });
});

describe("ocsf samples", () => {
  it("GuardDuty detection finding: the EC2 instance is the host to isolate", () => {
    const alert = only(parseSample("ocsf/camel-detection-finding-2004-guardduty.json"));
    expect(alert).toMatchObject({
      format: "ocsf",
      source: "ocsf:GuardDuty",
      externalId: "arn:aws:securityhub:us-east-1:123456789012:finding/a1b2c3d4-5678-90ab-cdef-example11111",
      ruleId: "ocsf:CryptoCurrency:EC2/BitcoinTool.B!DNS",
      severity: "high",
      target: { kind: "host", value: "production-web-server", role: "target" },
    });
    expect(alert.occurredAt.toISOString()).toBe("2024-01-25T12:00:00.000Z");
  });

  it("Prowler AWS posture findings (2004) parse with no target: nothing in them can be contained", () => {
    const alerts = parseSample("ocsf/prowler-detection-finding-2004-example-aws.json");
    expect(alerts).toHaveLength(5);
    expect(alerts.every((a) => a.target === null && a.entities.length === 0)).toBe(true);
    expect(alerts.map((a) => a.severity)).toEqual(["low", "medium", "medium", "medium", "medium"]);
    expect(alerts[0]?.ruleId).toBe("ocsf:accessanalyzer_enabled");
    // Prowler's example keeps the placeholder uid: all five share it, so they dedupe.
    expect(alerts[0]?.externalId).toBe("<finding_uid>");
    expect(alerts[0]?.occurredAt.toISOString()).toBe("2025-02-14T14:27:03.913Z");
  });

  it("Prowler security findings (2001) naming no IP, host or account are rejected per item", () => {
    const result = parseAlertPayload(readSample("ocsf/prowler-security-finding-2001-docs-example.json"), { receivedAt });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual(["[0]", "[1]"]);
    expect(result.errors[0]?.message).toMatch(/Security Finding \(class_uid 2001\) is accepted only when it names an IP, host or account/);
  });
});

describe("splunk samples", () => {
  it("srcip of the result row is the target; id is sid plus a hash of the row", () => {
    const alert = only(parseSample("splunk/brick-splunk-sanitized-payload.json"));
    expect(alert).toMatchObject({
      source: "splunk:TEST - Webhook - Echo",
      ruleId: "splunk:TEST - Webhook - Echo",
      severity: "medium",
      target: { kind: "ip", value: "192.168.2.3", role: "target" },
    });
    expect(alert.externalId).toMatch(/^scheduler__abc0001__search__RMD5267e440bddd8ef1f_at_1581522000_11805:[0-9a-f]{16}$/);
    expect(alert.entities).toContainEqual({ kind: "account", value: "abc0001", role: "related" });
    expect(alert.occurredAt.toISOString()).toBe("2020-02-12T14:32:15.000Z");
  });

  it("a sudo search names only the logging host", () => {
    const alert = only(parseSample("splunk/zulip-splunk-search-one-result.json"));
    expect(alert.target).toEqual({ kind: "host", value: "myserver", role: "target" });
    expect(alert.title).toBe("sudo");
  });

  it("the test submission has no entity and no search name", () => {
    const alert = only(parseSample("splunk/brick-splunk-test-submission.json"));
    expect(alert).toMatchObject({ source: "splunk", target: null, entities: [], ruleId: "splunk:unnamed search" });
    expect(alert.occurredAt).toEqual(receivedAt);
  });
});

describe("crowdsec samples", () => {
  it("ssh-bf: the source IP, its AS range and the user tried", () => {
    const alert = only(parseSample("crowdsec/crowdsec-alert-ssh-bf.json"));
    expect(alert).toMatchObject({
      format: "crowdsec",
      ruleId: "crowdsec:crowdsecurity/ssh-bf",
      severity: "high",
      target: { kind: "ip", value: "91.121.79.195", role: "target" },
    });
    expect(alert.externalId).toMatch(/^overflow-[0-9a-f]{16}$/);
    expect(alert.entities).toEqual([
      { kind: "ip", value: "91.121.79.195", role: "target" },
      { kind: "cidr", value: "91.121.72.0/21", role: "related" },
      { kind: "account", value: "root", role: "related" },
    ]);
    expect(alert.occurredAt.toISOString()).toBe("2020-10-26T08:50:32.055Z");
  });

  it("an alert read back from the LAPI keeps its machine and id", () => {
    const alert = only(parseSample("crowdsec/crowdsec-alert-sample.json"));
    expect(alert).toMatchObject({ source: "crowdsec:test", externalId: "test:42", severity: "high" });
    expect(alert.target?.value).toBe("127.0.0.1");
  });
});

describe("batches and errors", () => {
  const generic = (i: number) => ({ source: "ids", id: `a-${i}`, rule: "r", title: "t", target: { kind: "ip", value: "203.0.113.9" } });

  it("reports per-field errors with the item's path instead of throwing", () => {
    const body = { alerts: [generic(0), generic(1), generic(2), { ...generic(3), target: { kind: "ip", value: "999.1.1.1" } }] };
    const result = parseAlertPayload(body, { receivedAt });
    expect(result).toEqual({
      ok: false,
      errors: [{ path: "alerts[3].target.value", message: '"999.1.1.1" is not an IP address' }],
    });
  });

  it("a named format that does not fit gives that format's field errors", () => {
    const result = parseAlertPayload({ hello: "world" }, { format: "wazuh", receivedAt });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual({ path: "rule", message: "is required (an object)" });
    expect(result.errors).toContainEqual({ path: "id", message: "is required (a string or a number)" });
  });

  it("says so when it cannot tell the format", () => {
    const result = parseAlertPayload([{ hello: "world" }], { receivedAt });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ path: "[0]", message: expect.stringMatching(/could not tell which alert format/) });
  });

  it.each([
    [null, /expected a JSON object or an array of objects, not null/],
    ["text", /not "text"/],
    [[], /holds no alerts/],
  ])("rejects %j", (body, message) => {
    const result = parseAlertPayload(body, { receivedAt });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.message).toMatch(message);
  });

  it("accepts the largest batch and rejects one more", () => {
    const full = Array.from({ length: MAX_ALERT_BATCH }, (_, i) => generic(i));
    expect(parseAlertPayload(full, { receivedAt }).ok).toBe(true);
    const result = parseAlertPayload([...full, generic(MAX_ALERT_BATCH)], { receivedAt });
    expect(result).toEqual({
      ok: false,
      errors: [{ path: "", message: `${MAX_ALERT_BATCH + 1} alerts in one request; send at most ${MAX_ALERT_BATCH} per request` }],
    });
  });

  it("caps the error list", () => {
    const result = parseAlertPayload(Array.from({ length: 300 }, () => ({ source: "x" })), { format: "generic", receivedAt });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(101);
    expect(result.errors[100]?.message).toMatch(/more errors not shown/);
  });

  it("refuses alerts posing as Reflex's own detector", () => {
    expect(parseAlertPayload(generic(0), { format: "reflex-detector", receivedAt }).ok).toBe(false);
  });
});
