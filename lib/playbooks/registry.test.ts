import { describe, expect, it } from "vitest";
import { parseAlertPayload } from "@/lib/ingest/parse-alerts";
import { listJsonSamples, readSample } from "@/lib/ingest/test-samples";
import type { TContextQuestion } from "./context-questions";
import { BUILT_IN_PLAYBOOKS, parsePlaybookParams, playbookByKey, selectPlaybook } from "./registry";
import { loghubBruteForceAlert, sampleAlert } from "./test-fixtures";

// Which playbook handles each real sample (by its first alert); null = none, the alert is
// stored and shown but nothing is proposed.
const EXPECTED: Record<string, string | null> = {
  "alertmanager/am-executor-alert-payload.json": null,
  "alertmanager/calert-mock-payload.json": null,
  "alertmanager/zulip-alertmanager-firing.json": null,
  "crowdsec/crowdsec-alert-sample.json": null,
  "crowdsec/crowdsec-alert-ssh-bf.json": "brute-force-ip",
  "ocsf/camel-detection-finding-2004-guardduty.json": "malware-host",
  "ocsf/prowler-detection-finding-2004-example-aws.json": null,
  "splunk/brick-splunk-sanitized-payload.json": null,
  "splunk/brick-splunk-test-submission.json": null,
  "splunk/zulip-splunk-search-one-result.json": null,
  "wazuh/wazuh-5503-pam-login-failed.json": null,
  "wazuh/wazuh-5710-sshd-invalid-user.json": "brute-force-ip",
  "wazuh/wazuh-5712-sshd-bruteforce-integratord-test.json": "brute-force-ip",
};

describe("playbook registry", () => {
  it("has unique keys, and defaults that parse", () => {
    expect(new Set(BUILT_IN_PLAYBOOKS.map((p) => p.key)).size).toBe(BUILT_IN_PLAYBOOKS.length);
    for (const playbook of BUILT_IN_PLAYBOOKS) expect(playbook.ZParams.parse({})).toEqual(playbook.defaultParams);
  });

  it("routes every alert of every sample to the expected playbook (or none)", () => {
    const seen: Record<string, string | null> = {};
    for (const file of listJsonSamples()) {
      const parsed = parseAlertPayload(readSample(file), { receivedAt: new Date("2024-06-01T00:00:00Z") });
      // Samples rejected for carrying no entity, or holding only resolved alerts, propose nothing.
      if (!parsed.ok || parsed.alerts.length === 0) continue;
      const keys = new Set(parsed.alerts.map((a) => selectPlaybook(a)?.key ?? null));
      expect(keys.size, file).toBe(1);
      seen[file] = [...keys][0] ?? null;
    }
    expect(seen).toEqual(EXPECTED);
  });

  it("selects among the enabled playbooks only", () => {
    const alert = loghubBruteForceAlert();
    expect(selectPlaybook(alert)?.key).toBe("brute-force-ip");
    expect(selectPlaybook(alert, ["brute-force-ip"])?.key).toBe("brute-force-ip");
    expect(selectPlaybook(alert, new Set(["malware-host", "compromised-account"]))).toBeNull();
    expect(selectPlaybook(alert, [])).toBeNull();
  });

  it("every playbook asks questions with unique ids whose windows end at the alert", () => {
    const alerts = [loghubBruteForceAlert(), sampleAlert("ocsf/camel-detection-finding-2004-guardduty.json")];
    for (const alert of alerts) {
      const playbook = selectPlaybook(alert);
      const questions: TContextQuestion[] = playbook?.questions(alert, playbook.defaultParams) ?? [];
      expect(questions.length).toBeGreaterThan(0);
      expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
      for (const q of questions) {
        expect(q.until).toEqual(alert.occurredAt);
        expect(q.since.getTime()).toBeLessThan(q.until.getTime());
      }
    }
  });

  it("parses stored parameters over the defaults, and says what is wrong", () => {
    const playbook = playbookByKey("brute-force-ip");
    if (!playbook) throw new Error("brute-force-ip is not registered");
    expect(parsePlaybookParams(playbook, null)).toEqual({ ok: true, value: { failureWindowMinutes: 10, legitimateTrafficHours: 24 } });
    expect(parsePlaybookParams(playbook, { failureWindowMinutes: 30 })).toEqual({ ok: true, value: { failureWindowMinutes: 30, legitimateTrafficHours: 24 } });
    const bad = parsePlaybookParams(playbook, { failureWindowMinutes: 0 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^failureWindowMinutes: /);
    expect(playbookByKey("nope")).toBeNull();
  });
});
