import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SEVERITIES, type TSeverity } from "@/lib/domain/types";
import { readSample } from "@/lib/ingest/test-samples";
import { compromisedAccount, compromisedAccountConfidence } from "./compromised-account";
import type { TAnswerOf, TContextAnswers } from "./context-questions";
import { genericAlert, parsedAlert, registration, sampleAlert } from "./test-fixtures";

const account = (title: string, rule = "siem-rule", severity: TSeverity = "high", entities: Parameters<typeof genericAlert>[0]["entities"] = []) =>
  genericAlert({ rule, title, severity, target: { kind: "account", value: "alice" }, entities });

/** The GuardDuty finding from apache/camel's OCSF fixture, re-aimed at an IAM user. */
function guardDutyCredentialFinding(title: string) {
  const finding = structuredClone(readSample("ocsf/camel-detection-finding-2004-guardduty.json")) as Record<string, unknown> & {
    finding_info: Record<string, unknown>;
  };
  finding.finding_info.title = title;
  delete finding.resources;
  finding.actor = { user: { name: "ci-deployer", type: "IAMUser" } };
  return parsedAlert(finding);
}

const logins = (fields: Partial<TAnswerOf<"account_logins">>): TContextAnswers => ({
  logins: { kind: "account_logins", count: 0, hosts: [], sourceIps: [], truncated: false, ...fields },
});
const lastAt = new Date("2025-03-04T09:00:00Z");

describe("compromised-account matching", () => {
  it.each([
    ["impossible travel", () => account("Impossible travel activity for alice")],
    ["an account reported compromised", () => account("Account compromised: alice")],
    ["a credential-stuffing login that succeeded", () => account("Credential stuffing succeeded against alice")],
    ["a successful password spray", () => account("Successful sign-in after password spray")],
    ["a suspicious sign-in", () => account("Suspicious sign-in from an anonymous proxy")],
    ["Wazuh 40112, failures followed by a success", () => account("Multiple authentication failures followed by a success.", "wazuh:40112")],
    ["an OCSF finding about credentials", () => guardDutyCredentialFinding("CredentialAccess:IAMUser/AnomalousBehavior")],
    ["an OCSF IAM user finding", () => guardDutyCredentialFinding("UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B")],
  ])("matches %s", (_name, build) => {
    const alert = build();
    expect(alert.target?.kind).toBe("account");
    expect(compromisedAccount.matches(alert)).toBe(true);
  });

  it.each([
    ["Wazuh 5503, a PAM login failure", () => sampleAlert("wazuh/wazuh-5503-pam-login-failed.json")],
    ["a PAM login failure aimed at the account", () => account("PAM: User login failed.", "wazuh:5503", "low")],
    ["a password spray that did not succeed", () => account("Password spray against alice")],
    ["compromise words on an IP target", () => genericAlert({ rule: "x", title: "Compromised host beaconing", target: { kind: "ip", value: "203.0.113.5" } })],
    ["an OCSF finding about something else on an account", () => guardDutyCredentialFinding("Policy:S3/BucketBlockPublicAccessDisabled")],
  ])("does not match %s", (_name, build) => {
    expect(compromisedAccount.matches(build())).toBe(false);
  });
});

describe("compromised-account proposal", () => {
  const alert = account("Impossible travel activity for alice", "aad-impossible-travel", "high", [{ kind: "ip", value: "203.0.113.77", role: "source" }]);

  it("asks for the account's logins in the 24 h before the alert", () => {
    expect(compromisedAccount.questions(alert, compromisedAccount.defaultParams)).toEqual([
      { id: "logins", kind: "account_logins", account: "alice", since: new Date("2025-03-03T10:00:00Z"), until: new Date("2025-03-04T10:00:00Z") },
    ]);
  });

  it("revokes sessions; blast radius is the account, its hosts and its registrations", () => {
    const answers = logins({
      count: 5,
      hosts: [{ value: "vpn-gw", count: 4, lastAt }, { value: "jump-01", count: 1, lastAt }],
      sourceIps: [{ value: "10.1.2.3", count: 4, lastAt }, { value: "203.0.113.77", count: 1, lastAt }],
    });
    const proposal = compromisedAccount.propose({
      alert,
      params: compromisedAccount.defaultParams,
      version: 2,
      answers,
      registrations: [registration("account", "alice", { businessService: "Treasury", ownerName: "Ravi Menon" })],
    });
    expect(proposal).toMatchObject({
      playbook: { key: "compromised-account", version: 2 },
      action: "revoke_sessions",
      target: { kind: "account", value: "alice" },
      reversible: true,
      blastRadius: { count: 4, items: ["account alice", "host vpn-gw", "host jump-01", "registered: Treasury (Ravi Menon)"] },
      context: { status: "clear", summary: "alice logged on 5 times in the 24 h before the alert to vpn-gw and jump-01 from 10.1.2.3 and 203.0.113.77" },
    });
    // high 0.75 + 0.10: the alert's source 203.0.113.77 did log on as alice.
    expect(proposal.confidence).toBe(0.85);
    expect(proposal.rationale).toBe(
      'the high severity alert "Impossible travel activity for alice" (aad-impossible-travel) reports alice as compromised; 203.0.113.77, named by the alert, logged on as alice in the 24 h before it',
    );
  });

  it("no logins found is still a clear check", () => {
    const proposal = compromisedAccount.propose({ alert, params: compromisedAccount.defaultParams, version: 1, answers: logins({}), registrations: [] });
    expect(proposal.context).toEqual({ status: "clear", summary: "No logins by alice recorded in the 24 h before the alert" });
    expect(proposal.blastRadius).toEqual({ count: 1, items: ["account alice"] });
    expect(proposal.confidence).toBe(0.75);
  });

  it("context unavailable: says so; blast radius is what is known without it", () => {
    const proposal = compromisedAccount.propose({ alert, params: compromisedAccount.defaultParams, version: 1, answers: null, registrations: [] });
    expect(proposal.context).toEqual({
      status: "unavailable",
      summary: "The context store could not be reached, so the hosts alice logged on to in the 24 h before the alert are unknown",
    });
    expect(proposal.blastRadius).toEqual({ count: 1, items: ["account alice"] });
  });

  it("disables the account only for critical alerts, and only when the SOC chose so", () => {
    const disable = compromisedAccount.ZParams.parse({ criticalAction: "disable_account" });
    const critical = account("Account compromised: alice", "x", "critical");
    const run = (a: typeof alert, params: typeof disable) =>
      compromisedAccount.propose({ alert: a, params, version: 1, answers: logins({}), registrations: [] });
    expect(run(critical, disable).action).toBe("disable_account");
    expect(run(critical, disable).rationale).toMatch(/set to disable the account rather than only revoke its sessions/);
    expect(run(critical, compromisedAccount.defaultParams).action).toBe("revoke_sessions");
    expect(run(alert, disable).action).toBe("revoke_sessions");
  });

  it("confidence never decreases with severity or evidence", () => {
    const rank = (s: TSeverity) => SEVERITIES.indexOf(s);
    fc.assert(
      fc.property(
        fc.constantFrom(...SEVERITIES),
        fc.constantFrom(...SEVERITIES),
        fc.boolean(),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
        (s1, s2, corroborated, ips, moreIps) => {
          const [lo, hi] = rank(s1) <= rank(s2) ? [s1, s2] : [s2, s1];
          const a = compromisedAccountConfidence({ severity: lo, corroborated: false, publicSources: ips });
          const b = compromisedAccountConfidence({ severity: hi, corroborated, publicSources: ips + moreIps });
          expect(b).toBeGreaterThanOrEqual(a);
          expect(b).toBeLessThanOrEqual(0.99);
        },
      ),
    );
  });
});
