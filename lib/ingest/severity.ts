// Severity words senders use, folded onto Reflex's five levels. Numeric scales are
// vendor-specific and live with their format (Wazuh levels, OCSF ids, Elastic risk scores).
import type { TSeverity } from "@/lib/domain/types";

/** What an alert gets when its sender says nothing we recognise: neither ignored nor urgent. */
export const DEFAULT_SEVERITY: TSeverity = "medium";

const WORDS: Record<string, TSeverity> = {
  info: "info",
  informational: "info",
  information: "info",
  notice: "info",
  debug: "info",
  none: "info",
  ok: "info",
  low: "low",
  minor: "low",
  medium: "medium",
  moderate: "medium",
  warning: "medium",
  warn: "medium",
  high: "high",
  major: "high",
  error: "high",
  err: "high",
  severe: "high",
  critical: "critical",
  crit: "critical",
  fatal: "critical",
  emergency: "critical",
  alert: "critical",
  page: "critical",
};

/** A severity word ("High", "warning", "crit") as a TSeverity, or null if unknown. */
export function severityFromWord(value: unknown): TSeverity | null {
  if (typeof value !== "string") return null;
  return WORDS[value.trim().toLowerCase()] ?? null;
}
