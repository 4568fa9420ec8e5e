// Compromised account: end the sessions of an account a detection says is in someone
// else's hands (or, for critical alerts when the SOC chose so, disable it). The context is
// the account's recent logins: which hosts the action reaches, and whether the source the
// alert names really logged in as the account.
import { z } from "zod";
import type { TNormalizedAlert, TSeverity } from "@/lib/domain/types";
import { isPublicIp } from "@/lib/ingest/entities";
import { alertText, matchesAny, otherEntities } from "./alert-signals";
import { answerFor, windowEndingAt, type TAnswerOf, type TQuestionOf } from "./context-questions";
import type { TPlaybook } from "./types";
import { alertPhrase, buildBlastRadius, clampScore, formatWindow, listWords, plural, requireTarget } from "./wording";

export const ZCompromisedAccountParams = z.strictObject({
  lookbackHours: z.number().int().min(1).max(30 * 24).default(24).describe("Look-back (hours): how far back the account's logins are looked up (hosts reached, source IPs)"),
  criticalAction: z.enum(["revoke_sessions", "disable_account"]).default("revoke_sessions").describe("Action for critical alerts: revoke sessions (default) or disable the account"),
});
export type TCompromisedAccountParams = z.output<typeof ZCompromisedAccountParams>;

const PATTERNS = [
  /compromis/i, // "Account compromised", "Compromised credentials"
  /impossible[- ]travel|atypical travel/i,
  /account[- ]takeover/i,
  /(?:leaked|stolen|exposed) credentials?/i,
  /suspicious (?:log ?-?ins?|logons?|sign-?ins?|authentication)/i,
  /(?:unfamiliar|anomalous|unusual) (?:log ?-?ins?|logons?|sign-?ins?)/i,
  // A spray or stuffing that WORKED, in either word order; failures alone are brute force.
  /(?:credential[- ]stuffing|password[- ]spray|brute[- ]?forc\w*)[^\n]{0,60}\b(?:success|successful|succeeded)\b/i,
  /\b(?:success|successful|succeeded)\b[^\n]{0,60}(?:credential[- ]stuffing|password[- ]spray|brute[- ]?forc)/i,
  // Wazuh 40112 "Multiple authentication failures followed by a success"
  /fail\w*[^\n]{0,40}followed by (?:a )?success/i,
];
// OCSF findings about credentials, e.g. GuardDuty's UnauthorizedAccess:IAMUser/… and
// CredentialAccess:IAMUser/AnomalousBehavior.
const OCSF_PATTERNS = [/credential/i, /IAMUser\//i, /AnomalousBehavior/i, /ConsoleLogin/i];

function matches(alert: TNormalizedAlert): boolean {
  if (alert.target?.kind !== "account") return false;
  const text = alertText(alert);
  return matchesAny(text, PATTERNS) || (alert.format === "ocsf" && matchesAny(text, OCSF_PATTERNS));
}

const SEVERITY_BASE: Record<TSeverity, number> = { info: 0.45, low: 0.55, medium: 0.65, high: 0.75, critical: 0.85 };
export const CORROBORATION_BONUS = 0.1;
export const SPREAD_BONUS = 0.05;

/**
 * Confidence that the account is compromised, 0..0.99:
 *   severity base (info 0.45, low 0.55, medium 0.65, high 0.75, critical 0.85)
 *   + 0.10 when an IP the alert names also appears among the account's logins in the context store
 *   + 0.05 when the account logged on from two or more public IPs in the window
 * Non-decreasing in severity and in each piece of evidence.
 */
export function compromisedAccountConfidence(input: { severity: TSeverity; corroborated: boolean; publicSources: number }): number {
  const score = SEVERITY_BASE[input.severity] + (input.corroborated ? CORROBORATION_BONUS : 0) + (input.publicSources >= 2 ? SPREAD_BONUS : 0);
  return clampScore(score);
}

function loginsQuestion(alert: TNormalizedAlert, params: TCompromisedAccountParams) {
  const account = requireTarget(alert, "account", "compromised-account").value;
  return {
    id: "logins",
    kind: "account_logins",
    account,
    ...windowEndingAt(alert.occurredAt, params.lookbackHours * 3600),
  } satisfies TQuestionOf<"account_logins">;
}

function loginSummary(account: string, lookback: string, logins: TAnswerOf<"account_logins">): string {
  if (logins.count === 0) return `No logins by ${account} recorded in the ${lookback} before the alert`;
  const hosts = logins.hosts.length > 0 ? ` to ${listWords(logins.hosts.map((h) => h.value))}` : "";
  const ips = logins.sourceIps.length > 0 ? ` from ${listWords(logins.sourceIps.map((s) => s.value))}` : "";
  return `${account} logged on ${plural(logins.count, "time")} in the ${lookback} before the alert${hosts}${ips}`;
}

export const compromisedAccount: TPlaybook<TCompromisedAccountParams> = {
  key: "compromised-account",
  name: "Compromised account",
  description:
    "Revokes the sessions of an account that a detection reports as compromised (impossible travel, a credential-stuffing or password-spray login that succeeded, a suspicious sign-in, leaked credentials). For critical alerts the SOC can choose to disable the account instead. Looks up the account's logins in the 24 h before the alert to show which hosts the action reaches.",
  action: "revoke_sessions",
  reversible: true,
  ZParams: ZCompromisedAccountParams,
  defaultParams: ZCompromisedAccountParams.parse({}),
  matches,
  questions: (alert, params) => [loginsQuestion(alert, params)],
  propose({ alert, params, version, answers, registrations }) {
    const target = requireTarget(alert, "account", "compromised-account");
    const logins = answers ? answerFor(answers, loginsQuestion(alert, params)) : null;
    const lookback = formatWindow(params.lookbackHours * 3600);
    const disable = alert.severity === "critical" && params.criticalAction === "disable_account";

    const loginIps = new Set(logins?.sourceIps.map((s) => s.value) ?? []);
    const corroborating = otherEntities(alert, "ip").filter((ip) => loginIps.has(ip));
    const publicSources = [...loginIps].filter(isPublicIp).length;

    const evidence: string[] = [`${alertPhrase(alert)} reports ${target.value} as compromised`];
    if (corroborating.length > 0) evidence.push(`${listWords(corroborating)}, named by the alert, logged on as ${target.value} in the ${lookback} before it`);
    if (publicSources >= 2) evidence.push(`the account logged on from ${publicSources} public addresses in that time`);
    if (disable) evidence.push("the alert is critical and this playbook is set to disable the account rather than only revoke its sessions");

    const unavailable = answers === null ? "could not be reached" : "gave no answer about the account's logins";
    return {
      playbook: { key: "compromised-account", version },
      action: disable ? "disable_account" : "revoke_sessions",
      target,
      confidence: compromisedAccountConfidence({ severity: alert.severity, corroborated: corroborating.length > 0, publicSources }),
      blastRadius: buildBlastRadius(
        [
          `account ${target.value}`,
          ...(logins?.hosts.map((h) => `host ${h.value}`) ?? []),
          ...(logins?.truncated ? ["more hosts than the context store listed"] : []),
        ],
        registrations,
      ),
      reversible: true,
      context: logins
        ? { status: "clear", summary: loginSummary(target.value, lookback, logins) }
        : { status: "unavailable", summary: `The context store ${unavailable}, so the hosts ${target.value} logged on to in the ${lookback} before the alert are unknown` },
      rationale: evidence.join("; "),
    };
  },
};
