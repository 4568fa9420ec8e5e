import { describe, expect, it } from "vitest";
import { detectAlertFormat } from "./detect-format";
import { parseAlertPayload } from "./parse-alerts";
import { listJsonSamples, readSample } from "./test-samples";

describe("detectAlertFormat", () => {
  it.each(listJsonSamples())("picks the sample's own format for %s", (file) => {
    const body = readSample(file);
    const first = Array.isArray(body) ? body[0] : body;
    const expected = file.split("/")[0];
    expect(detectAlertFormat(first)).toBe(expected);
    const result = parseAlertPayload(body, { receivedAt: new Date("2025-06-01T00:00:00Z") });
    if (result.ok) expect(result.format).toBe(expected);
  });

  it.each([
    [{ source: "ids", id: "1", rule: "r", title: "t" }, "generic"],
    [{ alerts: [{ source: "ids", id: "1", rule: "r", title: "t" }] }, "generic"],
    [{ "kibana.alert.rule.name": "SSH brute force", "source.ip": "203.0.113.9" }, "elastic"],
    [{ signal: { rule: { id: "x", name: "n" } } }, "elastic"],
    [{ context: { alerts: [] } }, "elastic"],
    [{ rule: { name: "n", id: "x" }, alerts: [{ "kibana.alert.uuid": "u" }] }, "elastic"],
    [{ receiver: "r", alerts: [] }, "alertmanager"],
    // An Elastic alert built from a Wazuh event is an Elastic alert.
    [{ rule: { level: 10, id: "5712" }, agent: { name: "a" }, "kibana.alert.rule.uuid": "u" }, "elastic"],
  ])("%j → %s", (item, expected) => {
    expect(detectAlertFormat(item)).toBe(expected);
  });

  it.each([null, 1, "x", [], {}, { hello: "world" }, { alerts: "no" }])("does not guess for %j", (item) => {
    expect(detectAlertFormat(item)).toBeNull();
  });
});
