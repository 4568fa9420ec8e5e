// Alerts and context for the playbook tests, built the way production builds them: the
// real sample payloads through the real parsers, and Reflex's own detector over the real
// loghub sshd log. Only the generic-format alerts are written here, as a SIEM would post them.
import type { TEntityKind, TNormalizedAlert, TRegistration, TSeverity } from "@/lib/domain/types";
import { authAttempts, detectBruteForce, detectionToAlert } from "@/lib/ingest/brute-force-detector";
import type { TContextEvent } from "@/lib/ingest/context-event";
import { parseAlertPayload } from "@/lib/ingest/parse-alerts";
import { parseSshdLog } from "@/lib/ingest/sshd";
import { readSample, readSharedText } from "@/lib/ingest/test-samples";
import type { TAnswerOf, TContextAnswers } from "./context-questions";

const RECEIVED_AT = new Date("2024-06-01T00:00:00Z");

/** The `index`th alert a sample file parses to. */
export function sampleAlert(file: string, index = 0): TNormalizedAlert {
  const result = parseAlertPayload(readSample(file), { receivedAt: RECEIVED_AT });
  if (!result.ok) throw new Error(`${file} did not parse: ${JSON.stringify(result.errors)}`);
  const alert = result.alerts[index];
  if (!alert) throw new Error(`${file} has no alert ${index}`);
  return alert;
}

/** A JSON body (e.g. a sample with fields changed) through the parsers. */
export function parsedAlert(body: unknown): TNormalizedAlert {
  const result = parseAlertPayload(body, { receivedAt: RECEIVED_AT });
  if (!result.ok || !result.alerts[0]) throw new Error(`did not parse: ${JSON.stringify(result.ok ? "no alerts" : result.errors)}`);
  return result.alerts[0];
}

let genericId = 0;
/** An alert in Reflex's generic format, as a SIEM integration would post it. */
export function genericAlert(fields: {
  rule: string;
  title: string;
  severity?: TSeverity;
  target: { kind: TEntityKind; value: string };
  entities?: { kind: TEntityKind; value: string; role?: "source" | "related" }[];
  time?: string;
}): TNormalizedAlert {
  const body = {
    source: "siem",
    id: `test-${++genericId}`,
    rule: fields.rule,
    title: fields.title,
    severity: fields.severity ?? "high",
    target: fields.target,
    entities: fields.entities ?? [],
    time: fields.time ?? "2025-03-04T10:00:00Z",
  };
  const result = parseAlertPayload(body, { format: "generic", receivedAt: RECEIVED_AT });
  if (!result.ok || !result.alerts[0]) throw new Error(`generic alert did not parse: ${JSON.stringify(result)}`);
  return result.alerts[0];
}

let loghub: TContextEvent[] | null = null;
/** OpenSSH_2k.log from loghub as context events (the log is from December 2015). */
export function loghubEvents(): TContextEvent[] {
  loghub ??= parseSshdLog(readSharedText("datasets/loghub/OpenSSH_2k.log"), { reference: new Date("2016-01-01T00:00:00Z") }).events;
  return loghub;
}

/** Reflex's own detector over the loghub log: the 183.62.140.253 attack (279 failures in 600 s). */
export function loghubBruteForceAlert(ip = "183.62.140.253"): TNormalizedAlert {
  const events = loghubEvents().filter((e) => e.sourceIp === ip);
  const { failures, successes } = authAttempts(events);
  const last = failures.at(-1);
  if (!last) throw new Error(`no failures from ${ip} in the loghub log`);
  const detection = detectBruteForce({ failures, successes, threshold: 5, windowSeconds: 600, at: last.occurredAt });
  if (!detection) throw new Error(`no brute force from ${ip}`);
  return detectionToAlert(detection, ip, events[0]?.host ?? null);
}

export function registration(kind: TEntityKind, value: string, fields: Partial<TRegistration> = {}): TRegistration {
  return {
    id: `reg-${kind}-${value}`,
    selector: { kind, value },
    ownerName: "Dana Okafor",
    businessService: "Payments",
    assetClass: "crown-jewel",
    requirements: {
      neverAutomatic: false,
      allowedActions: null,
      approvalBy: null,
      maxTtlSeconds: null,
      preferredAction: null,
      maintenanceWindows: [],
    },
    expiresAt: null,
    ...fields,
  };
}

/** Answers for the brute-force-ip questions; anything not given is "nothing found". */
export function bruteForceAnswers(fields: {
  legitimate?: Partial<TAnswerOf<"ip_successful_logins">>;
  failures?: Partial<TAnswerOf<"ip_failed_logins">>;
  sessions?: Partial<TAnswerOf<"ip_sessions">>;
}): TContextAnswers {
  return {
    legitimate: { kind: "ip_successful_logins", count: 0, examples: [], ...fields.legitimate },
    failures: { kind: "ip_failed_logins", count: 0, distinctAccounts: 0, topAccounts: [], firstAt: null, lastAt: null, ...fields.failures },
    sessions: { kind: "ip_sessions", hosts: [], accounts: [], truncated: false, ...fields.sessions },
  };
}
