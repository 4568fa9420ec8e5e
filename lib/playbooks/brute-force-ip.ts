// SSH / brute-force source IP: block the address that keeps failing to log in, unless it
// also logged in successfully (then a person must look: a user fumbling a password, or a
// brute force that worked — either way, not something to block blindly).
import { z } from "zod";
import type { TContextOutcome, TNormalizedAlert, TSeverity } from "@/lib/domain/types";
import { isPublicIp } from "@/lib/ingest/entities";
import { alertText, matchesAny, otherEntities, reportedFailures, wazuhRuleId } from "./alert-signals";
import { answerFor, MAX_EXAMPLES, windowEndingAt, type TAnswerOf, type TLoginExample, type TQuestionOf } from "./context-questions";
import type { TPlaybook } from "./types";
import { alertPhrase, buildBlastRadius, clampScore, formatWindow, isoSecond, listWords, plural, requireTarget } from "./wording";

export const ZBruteForceIpParams = z.strictObject({
  failureWindowMinutes: z.number().int().min(1).max(24 * 60).default(10).describe("Failed-login window (minutes): how far back failed logins count towards the attack"),
  legitimateTrafficHours: z.number().int().min(1).max(30 * 24).default(24).describe("Legitimate-traffic window (hours): how far back a successful login from the IP counts as legitimate traffic and as blast radius"),
});
export type TBruteForceIpParams = z.output<typeof ZBruteForceIpParams>;

// Wazuh: 5712/5763 sshd brute force, 5710 sshd invalid user, 5720 multiple sshd
// authentication failures, 5551 PAM multiple failed logins, 2502 "user missed the password
// more than one time". 5503 (one PAM login failure) is deliberately absent.
const WAZUH_RULES = new Set(["5712", "5710", "5720", "5763", "5551", "2502"]);

const TEXT_PATTERNS = [
  /brute[- ]?forc/i,
  /password[- ]spray/i,
  /credential[- ]stuffing/i,
  // "Multiple authentication failures", "repeated login failures", "too many password attempts"
  /\b(?:multiple|repeated|excessive|numerous|too many)\s+(?:\w+\s+){0,2}(?:auth\w*|log ?ins?|logons?|passwords?)\s+(?:failures?|failed|attempts?)/i,
  // "Multiple failed logins", "repeated unsuccessful logon attempts"
  /\b(?:multiple|repeated|excessive|numerous|too many)\s+(?:\w+\s+){0,2}(?:failed|unsuccessful)\s+(?:\w+\s+)?(?:auth\w*|log ?ins?|logons?|passwords?|attempts?)/i,
];
// CrowdSec scenario names abbreviate brute force: ssh-bf, ssh-slow-bf, http-bf-wordpress_bf, microsoft/rdp-bf.
const RULE_ID_PATTERNS = [/(?:^|[^a-z0-9])bf(?:[^a-z0-9]|$)/i];

function matches(alert: TNormalizedAlert): boolean {
  if (alert.target?.kind !== "ip") return false;
  if (alert.ruleId === "ssh-bruteforce") return true;
  const wazuh = wazuhRuleId(alert);
  if (wazuh !== null && WAZUH_RULES.has(wazuh)) return true;
  return matchesAny(alertText(alert), TEXT_PATTERNS) || matchesAny(alert.ruleId, RULE_ID_PATTERNS);
}

const SEVERITY_ADJUSTMENT: Record<TSeverity, number> = { info: -0.1, low: -0.05, medium: 0, high: 0.03, critical: 0.05 };
/** A private source is often our own: a scanner, a monitoring job, a NAT gateway for staff. */
export const PRIVATE_SOURCE_FACTOR = 0.8;

/**
 * Confidence that blocking the IP stops an attack, 0..0.99:
 *   evidence   = failures + 2 × (distinct accounts − 1)   (trying many names is the stronger sign)
 *   base       = evidence / (evidence + 2)                 (1 → 0.33, 5 → 0.71, 20 → 0.91, 286 → 0.99)
 *   score      = base + severity adjustment (info −0.10, low −0.05, medium 0, high +0.03, critical +0.05),
 *                clamped to [0, 0.99]
 *   confidence = score × 0.8 when the source is not a public address, so a private source
 *                never exceeds 0.792 however hard it tries
 * rounded down to three decimals. Non-decreasing in failures, in accounts and in severity,
 * so more evidence never lowers it.
 */
export function bruteForceConfidence(input: { failures: number; accounts: number; severity: TSeverity; publicSource: boolean }): number {
  const evidence = Math.max(0, input.failures) + 2 * Math.max(0, input.accounts - 1);
  const base = evidence / (evidence + 2);
  const score = clampScore(base + SEVERITY_ADJUSTMENT[input.severity]);
  return input.publicSource ? score : clampScore(score * PRIVATE_SOURCE_FACTOR);
}

function questionsFor(alert: TNormalizedAlert, params: TBruteForceIpParams) {
  const ip = requireTarget(alert, "ip", "brute-force-ip").value;
  const legitimate = windowEndingAt(alert.occurredAt, params.legitimateTrafficHours * 3600);
  return {
    legitimate: { id: "legitimate", kind: "ip_successful_logins", ip, ...legitimate, exampleLimit: MAX_EXAMPLES },
    failures: { id: "failures", kind: "ip_failed_logins", ip, ...windowEndingAt(alert.occurredAt, params.failureWindowMinutes * 60) },
    sessions: { id: "sessions", kind: "ip_sessions", ip, ...legitimate },
  } satisfies Record<string, TQuestionOf<"ip_successful_logins" | "ip_failed_logins" | "ip_sessions">>;
}

/** "accepted password for fztu from 119.137.62.142 on labsz at 2015-12-10T09:32:20Z" */
function loginEvidence(example: TLoginExample, ip: string): string {
  const method = /^Accepted (\S+) for /i.exec(example.message)?.[1];
  const what = method ? `accepted ${method}` : "successful login";
  const who = example.account ? ` for ${example.account}` : "";
  const where = example.host ? ` on ${example.host}` : "";
  return `${what}${who} from ${ip}${where} at ${isoSecond(example.at)}`;
}

function contextOutcome(
  ip: string,
  reached: boolean,
  params: TBruteForceIpParams,
  legitimate: TAnswerOf<"ip_successful_logins"> | null,
  failures: TAnswerOf<"ip_failed_logins"> | null,
): TContextOutcome {
  const lookback = formatWindow(params.legitimateTrafficHours * 3600);
  if (legitimate === null) {
    const why = reached ? "The context store gave no answer about successful logins" : "The context store could not be reached";
    return { status: "unavailable", summary: `${why}, so legitimate traffic from ${ip} in the ${lookback} before the alert was not checked` };
  }
  if (legitimate.count > 0) {
    const evidence = legitimate.examples.map((e) => loginEvidence(e, ip));
    const more = legitimate.count - legitimate.examples.length;
    if (more > 0) evidence.push(`${plural(more, "more successful login")} not listed`);
    return {
      status: "conflicting",
      summary: `${plural(legitimate.count, "successful login")} from ${ip} in the ${lookback} before the alert: an analyst must decide whether this is a user or a brute force that worked`,
      evidence,
    };
  }
  const failed = failures ? ` (${plural(failures.count, "failed login")} in ${formatWindow(params.failureWindowMinutes * 60)})` : "";
  return { status: "clear", summary: `No legitimate traffic from ${ip} in the ${lookback} before the alert${failed}` };
}

function rationale(input: {
  ip: string;
  failures: number;
  accounts: string[];
  accountCount: number;
  fromStore: boolean;
  window: string;
  publicSource: boolean;
  alert: TNormalizedAlert;
}): string {
  const tried = input.accountCount > 0 ? ` against ${plural(input.accountCount, "account")}${input.accounts.length > 0 ? ` (${listWords(input.accounts)})` : ""}` : "";
  const evidence = input.fromStore
    ? `${input.ip} made ${plural(input.failures, "failed login")}${tried} in the ${input.window} before ${alertPhrase(input.alert)}`
    : `${alertPhrase(input.alert)} reports ${plural(input.failures, "failed login")} from ${input.ip}${tried}`;
  const source = input.publicSource
    ? "the source is a public address"
    : "the source is not a public address, which lowers confidence: it may be an internal scanner, a monitoring job or a gateway for our own users";
  return `${evidence}; ${source}`;
}

export const bruteForceIp: TPlaybook<TBruteForceIpParams> = {
  key: "brute-force-ip",
  name: "SSH / brute-force source IP",
  description:
    "Blocks an IP address that repeatedly fails to log in (SSH, web or other brute force), after checking the 24 h before the alert for successful logins from it. A successful login makes the context conflicting, so a person reviews it before any block.",
  action: "block_ip",
  reversible: true,
  ZParams: ZBruteForceIpParams,
  defaultParams: ZBruteForceIpParams.parse({}),
  matches,
  questions: (alert, params) => Object.values(questionsFor(alert, params)),
  propose({ alert, params, version, answers, registrations }) {
    const target = requireTarget(alert, "ip", "brute-force-ip");
    const q = questionsFor(alert, params);
    const legitimate = answers ? answerFor(answers, q.legitimate) : null;
    const failuresAnswer = answers ? answerFor(answers, q.failures) : null;
    const sessions = answers ? answerFor(answers, q.sessions) : null;

    const reported = reportedFailures(alert);
    const alertAccounts = otherEntities(alert, "account");
    const fromStore = failuresAnswer !== null && failuresAnswer.count >= reported;
    const failures = fromStore ? failuresAnswer.count : reported;
    const accounts = fromStore ? failuresAnswer.topAccounts : alertAccounts;
    const accountCount = Math.max(fromStore ? failuresAnswer.distinctAccounts : 0, alertAccounts.length);
    const publicSource = isPublicIp(target.value);

    const sessionItems = sessions
      ? [
          ...sessions.hosts.map((h) => `host ${h.value}`),
          ...sessions.accounts.map((a) => `account ${a.value}`),
          ...(sessions.truncated ? ["more hosts and accounts than the context store listed"] : []),
        ]
      : [];
    return {
      playbook: { key: "brute-force-ip", version },
      action: "block_ip",
      target,
      confidence: bruteForceConfidence({ failures, accounts: accountCount, severity: alert.severity, publicSource }),
      blastRadius: buildBlastRadius(sessionItems, registrations),
      reversible: true,
      context: contextOutcome(target.value, answers !== null, params, legitimate, failuresAnswer),
      rationale: rationale({
        ip: target.value,
        failures,
        accounts,
        accountCount,
        fromStore,
        window: formatWindow(params.failureWindowMinutes * 60),
        publicSource,
        alert,
      }),
    };
  },
};
