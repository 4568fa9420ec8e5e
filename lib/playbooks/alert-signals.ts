// What playbooks read from an alert besides its target: the words of its rule and title,
// and the numbers some senders put in their payloads (CrowdSec's events_count, Wazuh's
// rule frequency, Reflex's own detector's failure count).
import type { TEntityKind, TNormalizedAlert } from "@/lib/domain/types";
import { readPath } from "@/lib/ingest/read-fields";

/** The rule id and the title, the text every matcher looks at. */
export function alertText(alert: TNormalizedAlert): string {
  return `${alert.ruleId}\n${alert.title}`;
}

export function matchesAny(text: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((pattern) => pattern.test(text));
}

/** "5712" for a Wazuh alert whose ruleId is "wazuh:5712", else null. */
export function wazuhRuleId(alert: TNormalizedAlert): string | null {
  return alert.format === "wazuh" && alert.ruleId.startsWith("wazuh:") ? alert.ruleId.slice("wazuh:".length) : null;
}

function positiveInteger(value: unknown): number | null {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n >= 1 ? Math.floor(n) : null;
}

/**
 * How many failed logins the alert itself vouches for: the detector's count, CrowdSec's
 * events_count, or the number of matches a Wazuh frequency rule needs before it fires.
 * At least 1: an authentication-failure alert is itself evidence of one failure.
 */
export function reportedFailures(alert: TNormalizedAlert): number {
  const path: Partial<Record<TNormalizedAlert["format"], string>> = {
    "reflex-detector": "failures",
    crowdsec: "events_count",
    wazuh: "rule.frequency",
  };
  const at = path[alert.format];
  return (at === undefined ? null : positiveInteger(readPath(alert.raw, at))) ?? 1;
}

/** The alert's entities of one kind other than the target, e.g. the accounts an IP tried. */
export function otherEntities(alert: TNormalizedAlert, kind: TEntityKind): string[] {
  return alert.entities.filter((e) => e.kind === kind && e.role !== "target").map((e) => e.value);
}
