import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SEVERITIES, type TSeverity } from "@/lib/domain/types";
import { bruteForceConfidence, bruteForceIp, PRIVATE_SOURCE_FACTOR } from "./brute-force-ip";
import { bruteForceAnswers, genericAlert, loghubBruteForceAlert, registration, sampleAlert } from "./test-fixtures";

const propose = (input: Partial<Parameters<typeof bruteForceIp.propose>[0]> & Pick<Parameters<typeof bruteForceIp.propose>[0], "alert">) =>
  bruteForceIp.propose({ params: bruteForceIp.defaultParams, version: 3, answers: null, registrations: [], ...input });

describe("brute-force-ip matching", () => {
  it.each([
    ["Reflex's own detector", () => loghubBruteForceAlert()],
    ["Wazuh 5712 sshd brute force", () => sampleAlert("wazuh/wazuh-5712-sshd-bruteforce-integratord-test.json")],
    ["Wazuh 5710 sshd invalid user", () => sampleAlert("wazuh/wazuh-5710-sshd-invalid-user.json")],
    ["CrowdSec crowdsecurity/ssh-bf", () => sampleAlert("crowdsec/crowdsec-alert-ssh-bf.json")],
    ["CrowdSec ssh-slow-bf", () => genericAlert({ rule: "crowdsecurity/ssh-slow-bf", title: "slow ssh bruteforce", target: { kind: "ip", value: "198.51.100.23" } })],
    ["CrowdSec http-bf-wordpress_bf", () => genericAlert({ rule: "crowdsecurity/http-bf-wordpress_bf", title: "WordPress login", target: { kind: "ip", value: "198.51.100.23" } })],
    ["Wazuh 5720 by title", () => genericAlert({ rule: "wazuh:5720", title: "sshd: Multiple authentication failures.", target: { kind: "ip", value: "198.51.100.23" } })],
    ["Wazuh 5551 by title", () => genericAlert({ rule: "pam-5551", title: "PAM: Multiple failed logins in a small period of time.", target: { kind: "ip", value: "198.51.100.23" } })],
    ["a SIEM rule called brute force", () => genericAlert({ rule: "rdp-01", title: "RDP Brute-Force attempt", target: { kind: "ip", value: "198.51.100.23" } })],
  ])("matches %s", (_name, build) => {
    expect(bruteForceIp.matches(build())).toBe(true);
  });

  it.each([
    ["Wazuh 5503, a single PAM login failure", () => sampleAlert("wazuh/wazuh-5503-pam-login-failed.json")],
    ["CrowdSec's test scenario", () => sampleAlert("crowdsec/crowdsec-alert-sample.json")],
    ["a Splunk test search on an IP", () => sampleAlert("splunk/brick-splunk-sanitized-payload.json")],
    ["brute force with an account as target", () => genericAlert({ rule: "ssh-bruteforce", title: "SSH brute force", target: { kind: "account", value: "root" } })],
    ["a host alert", () => sampleAlert("alertmanager/zulip-alertmanager-firing.json")],
  ])("does not match %s", (_name, build) => {
    expect(bruteForceIp.matches(build())).toBe(false);
  });
});

describe("brute-force-ip questions", () => {
  it("asks about the 24 h and the 10 min before the alert, in event time", () => {
    const alert = loghubBruteForceAlert();
    expect(alert.occurredAt.toISOString()).toBe("2015-12-10T11:04:43.000Z");
    expect(bruteForceIp.questions(alert, bruteForceIp.defaultParams)).toEqual([
      { id: "legitimate", kind: "ip_successful_logins", ip: "183.62.140.253", since: new Date("2015-12-09T11:04:43Z"), until: alert.occurredAt, exampleLimit: 10 },
      { id: "failures", kind: "ip_failed_logins", ip: "183.62.140.253", since: new Date("2015-12-10T10:54:43Z"), until: alert.occurredAt },
      { id: "sessions", kind: "ip_sessions", ip: "183.62.140.253", since: new Date("2015-12-09T11:04:43Z"), until: alert.occurredAt },
    ]);
  });

  it("follows the SOC's windows", () => {
    const params = bruteForceIp.ZParams.parse({ failureWindowMinutes: 60, legitimateTrafficHours: 72 });
    const [legitimate, failures] = bruteForceIp.questions(loghubBruteForceAlert(), params);
    expect(legitimate?.since).toEqual(new Date("2015-12-07T11:04:43Z"));
    expect(failures?.since).toEqual(new Date("2015-12-10T10:04:43Z"));
  });

  it("has defaults for every parameter and refuses unknown ones", () => {
    expect(bruteForceIp.defaultParams).toEqual({ failureWindowMinutes: 10, legitimateTrafficHours: 24 });
    expect(bruteForceIp.ZParams.safeParse({ failureWindowMinuts: 5 }).success).toBe(false);
  });
});

describe("brute-force-ip proposal", () => {
  it("the loghub attack with no legitimate traffic: block, clear context, confidence ≥ 0.95", () => {
    const alert = loghubBruteForceAlert();
    const answers = bruteForceAnswers({ failures: { count: 286, distinctAccounts: 8, topAccounts: ["root", "oracle", "test"] } });
    const proposal = propose({ alert, answers });
    expect(proposal).toMatchObject({
      playbook: { key: "brute-force-ip", version: 3 },
      action: "block_ip",
      target: { kind: "ip", value: "183.62.140.253" },
      reversible: true,
      blastRadius: { count: 0, items: [] },
      context: { status: "clear", summary: "No legitimate traffic from 183.62.140.253 in the 24 h before the alert (286 failed logins in 10 min)" },
    });
    expect(proposal.confidence).toBeGreaterThanOrEqual(0.95);
    expect(proposal.rationale).toBe(
      '183.62.140.253 made 286 failed logins against 8 accounts (root, oracle and test) in the 10 min before the critical severity alert "SSH brute force from 183.62.140.253 on labsz: 279 failed logins in 600 s" (ssh-bruteforce); the source is a public address',
    );
  });

  it("a successful login from the IP makes the context conflicting, with the login as evidence", () => {
    const alert = genericAlert({ rule: "ssh-bruteforce", title: "SSH brute force from 119.137.62.142", target: { kind: "ip", value: "119.137.62.142" }, time: "2015-12-10T10:00:00Z" });
    const answers = bruteForceAnswers({
      legitimate: {
        count: 1,
        examples: [{ account: "fztu", host: "labsz", at: new Date("2015-12-10T09:32:20Z"), message: "Accepted password for fztu from 119.137.62.142 port 49116 ssh2" }],
      },
    });
    expect(propose({ alert, answers }).context).toEqual({
      status: "conflicting",
      summary: "1 successful login from 119.137.62.142 in the 24 h before the alert: an analyst must decide whether this is a user or a brute force that worked",
      evidence: ["accepted password for fztu from 119.137.62.142 on labsz at 2015-12-10T09:32:20Z"],
    });
  });

  it("says how many successful logins the examples leave out", () => {
    const example = { account: "deploy", host: "ci-01", at: new Date("2025-03-04T09:00:00Z"), message: "" };
    const alert = genericAlert({ rule: "ssh-bruteforce", title: "SSH brute force", target: { kind: "ip", value: "203.0.113.50" } });
    const context = propose({ alert, answers: bruteForceAnswers({ legitimate: { count: 12, examples: Array(10).fill(example) } }) }).context;
    expect(context.status).toBe("conflicting");
    if (context.status !== "conflicting") return;
    expect(context.evidence[0]).toBe("successful login for deploy from 203.0.113.50 on ci-01 at 2025-03-04T09:00:00Z");
    expect(context.evidence.at(-1)).toBe("2 more successful logins not listed");
  });

  it("context unavailable: says so, and scores from what the alert itself reports", () => {
    const alert = sampleAlert("crowdsec/crowdsec-alert-ssh-bf.json");
    const proposal = propose({ alert, answers: null });
    expect(proposal.context).toEqual({
      status: "unavailable",
      summary: "The context store could not be reached, so legitimate traffic from 91.121.79.195 in the 24 h before the alert was not checked",
    });
    // events_count 6, one account (root), high severity, public source.
    expect(proposal.confidence).toBe(bruteForceConfidence({ failures: 6, accounts: 1, severity: "high", publicSource: true }));
    expect(proposal.rationale).toMatch(/reports 6 failed logins from 91\.121\.79\.195 against 1 account \(root\)/);
  });

  it("an answer missing from the store's reply is unavailable context, not clear", () => {
    const alert = loghubBruteForceAlert();
    const { failures, sessions } = bruteForceAnswers({});
    expect(propose({ alert, answers: { failures: failures!, sessions: sessions! } }).context.status).toBe("unavailable");
  });

  it("a private source lowers confidence (Wazuh 5712 from 172.17.1.1)", () => {
    const alert = sampleAlert("wazuh/wazuh-5712-sshd-bruteforce-integratord-test.json");
    const proposal = propose({ alert, answers: bruteForceAnswers({}) });
    // The rule fires after 8 matches (rule.frequency); one account (paco) tried.
    expect(proposal.confidence).toBe(bruteForceConfidence({ failures: 8, accounts: 1, severity: "high", publicSource: false }));
    expect(proposal.confidence).toBeLessThan(bruteForceConfidence({ failures: 8, accounts: 1, severity: "high", publicSource: true }));
    expect(proposal.rationale).toMatch(/not a public address, which lowers confidence/);
  });

  it("blast radius: hosts and accounts the IP had sessions with, and the registrations of the IP", () => {
    const alert = genericAlert({ rule: "ssh-bruteforce", title: "SSH brute force", target: { kind: "ip", value: "203.0.113.50" } });
    const lastAt = new Date("2025-03-04T09:00:00Z");
    const answers = bruteForceAnswers({
      legitimate: { count: 3, examples: [] },
      sessions: { hosts: [{ value: "bastion-01", count: 2, lastAt }, { value: "web-01", count: 1, lastAt }], accounts: [{ value: "deploy", count: 3, lastAt }] },
    });
    const reg = registration("ip", "203.0.113.50", { businessService: "Partner SFTP", ownerName: "Sam Lee" });
    const proposal = propose({ alert, answers, registrations: [reg, reg] });
    expect(proposal.blastRadius).toEqual({
      count: 4,
      items: ["host bastion-01", "host web-01", "account deploy", "registered: Partner SFTP (Sam Lee)"],
    });
  });

  it("blast radius when the context is unavailable: the registrations only", () => {
    const alert = loghubBruteForceAlert();
    const proposal = propose({ alert, answers: null, registrations: [registration("cidr", "183.62.0.0/16")] });
    expect(proposal.blastRadius).toEqual({ count: 1, items: ["registered: Payments (Dana Okafor)"] });
  });
});

describe("brute-force-ip confidence", () => {
  const severity = fc.constantFrom(...SEVERITIES);
  const rank = (s: TSeverity) => SEVERITIES.indexOf(s);

  it("is documented by its anchors: 286 failures ≥ 0.95, 5 failures about 0.7", () => {
    expect(bruteForceConfidence({ failures: 286, accounts: 1, severity: "medium", publicSource: true })).toBeGreaterThanOrEqual(0.95);
    const five = bruteForceConfidence({ failures: 5, accounts: 1, severity: "medium", publicSource: true });
    expect(five).toBeGreaterThan(0.65);
    expect(five).toBeLessThan(0.75);
  });

  it("never decreases as failures, accounts or severity grow, and stays in [0, 0.99]", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        severity,
        severity,
        fc.boolean(),
        (failures, moreFailures, accounts, moreAccounts, s1, s2, publicSource) => {
          const [lo, hi] = rank(s1) <= rank(s2) ? [s1, s2] : [s2, s1];
          const a = bruteForceConfidence({ failures, accounts, severity: lo, publicSource });
          const b = bruteForceConfidence({ failures: failures + moreFailures, accounts: accounts + moreAccounts, severity: hi, publicSource });
          expect(b).toBeGreaterThanOrEqual(a);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(b).toBeLessThanOrEqual(0.99);
        },
      ),
    );
  });

  it("a private source never scores above the same evidence from a public one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 50 }), severity, (failures, accounts, s) => {
        const pub = bruteForceConfidence({ failures, accounts, severity: s, publicSource: true });
        const priv = bruteForceConfidence({ failures, accounts, severity: s, publicSource: false });
        expect(priv).toBeLessThanOrEqual(pub);
        expect(priv).toBeLessThanOrEqual(0.99 * PRIVATE_SOURCE_FACTOR);
      }),
    );
  });

  it("through propose: more failed logins in the context store never lower the proposal's confidence", () => {
    const alert = loghubBruteForceAlert();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 50 }), (count, more, accounts) => {
        const at = (n: number) => propose({ alert, answers: bruteForceAnswers({ failures: { count: n, distinctAccounts: accounts } }) }).confidence;
        expect(at(count + more)).toBeGreaterThanOrEqual(at(count));
      }),
    );
  });
});
