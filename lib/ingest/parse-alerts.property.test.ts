import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ALERT_FORMATS } from "@/lib/domain/types";
import { parseContextEventJson } from "./context-event";
import { parseAlertPayload } from "./parse-alerts";
import { parseSshdLog } from "./sshd";
import { readSample } from "./test-samples";

const receivedAt = new Date("2025-06-01T00:00:00Z");

// Arbitrary JSON, plus JSON shaped like each format with random values in its fields, so
// the runs reach past the first "is required" check.
const shaped = fc.oneof(
  fc.record({ rule: fc.dictionary(fc.constantFrom("id", "level", "description"), fc.jsonValue()), agent: fc.jsonValue(), id: fc.jsonValue(), timestamp: fc.jsonValue(), data: fc.jsonValue() }),
  fc.record({ receiver: fc.jsonValue(), alerts: fc.array(fc.record({ labels: fc.dictionary(fc.string(), fc.string()), status: fc.jsonValue(), startsAt: fc.jsonValue(), fingerprint: fc.jsonValue() })) }),
  fc.record({ class_uid: fc.constantFrom(2004, 2001, 1), resources: fc.jsonValue(), finding_info: fc.jsonValue(), src_endpoint: fc.jsonValue(), severity_id: fc.jsonValue() }),
  fc.record({ sid: fc.jsonValue(), result: fc.dictionary(fc.constantFrom("src", "src_ip", "user", "host", "_time"), fc.jsonValue()) }),
  fc.record({ scenario: fc.string(), source: fc.dictionary(fc.constantFrom("scope", "value", "ip", "range"), fc.jsonValue()), decisions: fc.jsonValue(), events: fc.jsonValue() }),
  fc.record({ "kibana.alert.rule.name": fc.jsonValue(), kibana: fc.jsonValue(), signal: fc.jsonValue(), source: fc.jsonValue(), alerts: fc.jsonValue() }),
  fc.record({ source: fc.jsonValue(), id: fc.jsonValue(), rule: fc.jsonValue(), title: fc.jsonValue(), target: fc.jsonValue(), entities: fc.jsonValue(), time: fc.jsonValue() }),
);
const anyBody = fc.oneof(fc.jsonValue(), shaped, fc.array(shaped, { maxLength: 3 }));
const anyFormat = fc.option(fc.constantFrom(...ALERT_FORMATS), { nil: undefined });

describe("parsers never throw", () => {
  it("parseAlertPayload on arbitrary JSON, auto-detected or named", () => {
    fc.assert(
      fc.property(anyBody, anyFormat, (body, format) => {
        const result = parseAlertPayload(body, { format, receivedAt });
        if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it("every alert it returns is well formed", () => {
    fc.assert(
      fc.property(anyBody, (body) => {
        const result = parseAlertPayload(body, { receivedAt });
        if (!result.ok) return;
        for (const alert of result.alerts) {
          expect(Number.isNaN(alert.occurredAt.getTime())).toBe(false);
          expect(alert.target === null || alert.target.role === "target").toBe(true);
          expect(alert.entities.filter((e) => e.role === "target")).toHaveLength(alert.target ? 1 : 0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("mutated real samples still parse or give errors", () => {
    const sample = readSample("wazuh/wazuh-5712-sshd-bruteforce-integratord-test.json") as Record<string, unknown>;
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(sample)), fc.jsonValue(), (key, value) => {
        parseAlertPayload({ ...sample, [key]: value }, { receivedAt });
      }),
    );
  });

  it("parseSshdLog and parseContextEventJson on arbitrary text", () => {
    const line = fc.oneof(
      fc.string(),
      fc.string().map((s) => `Dec 10 06:55:46 LabSZ sshd[24200]: ${s}`),
      fc.string().map((s) => `Dec 10 06:55:46 LabSZ sshd[1]: Failed password for ${s} from 1.2.3.4 port 22 ssh2`),
    );
    fc.assert(
      fc.property(fc.array(line), (lines) => {
        const result = parseSshdLog(lines.join("\n"), { reference: receivedAt });
        expect(result.events.length + result.comments + result.unparseable).toBeGreaterThanOrEqual(0);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v) ?? ""))), (lines) => {
        parseContextEventJson(lines.join("\n"));
      }),
    );
  });
});
