// The audit log's event types as the feed groups and names them. The list mirrors the
// AuditType enum of the schema; lib/server/audit-feed/audit-type-check.ts fails to compile
// when the two differ, and the Records below fail to compile when a type has no label, so
// a new event type cannot reach the feed without a sentence for it.
import type { TVerdict } from "./types";

export const AUDIT_TYPES = [
  "ALERT_RECEIVED",
  "ALERT_REJECTED",
  "CONTEXT_QUERIED",
  "ASSESSED",
  "DECIDED",
  "CONTAINMENT_EXECUTED",
  "CONTAINMENT_FAILED",
  "CONTAINMENT_EXPIRED",
  "CONTAINMENT_RELEASED",
  "RELEASE_REPEATED",
  "RELEASE_LINK_REFUSED",
  "RELEASE_LINK_ISSUED",
  "APPROVAL_LINK_ISSUED",
  "ESCALATION_OPENED",
  "ESCALATION_RESOLVED",
  "HOLD_PLACED",
  "HOLD_LIFTED",
  "KILL_SWITCH_CHANGED",
  "POLICY_CHANGED",
  "REGISTRATION_CHANGED",
  "CAMPAIGN_CHANGED",
  "PLAYBOOK_CHANGED",
  "TOKEN_CHANGED",
  "USER_CHANGED",
  "SETTINGS_CHANGED",
] as const;
export type TAuditType = (typeof AUDIT_TYPES)[number];

export const AUDIT_GROUPS = ["alerts", "assessments", "verdicts", "containments", "releases", "expiries", "escalations", "holds", "changes"] as const;
export type TAuditGroup = (typeof AUDIT_GROUPS)[number];

export const AUDIT_GROUP_LABELS: Record<TAuditGroup, string> = {
  alerts: "Alerts",
  assessments: "Context and assessments",
  verdicts: "Verdicts",
  containments: "Containments",
  releases: "Releases",
  expiries: "Expiries",
  escalations: "Escalations",
  holds: "Holds",
  changes: "Policy, registration and settings changes",
};

export type TAuditTone = "gray" | "green" | "red" | "amber" | "blue" | "violet";

export const AUDIT_TYPE_META: Record<TAuditType, { label: string; group: TAuditGroup; tone: TAuditTone }> = {
  ALERT_RECEIVED: { label: "Alert received", group: "alerts", tone: "blue" },
  ALERT_REJECTED: { label: "Alert not actionable", group: "alerts", tone: "gray" },
  CONTEXT_QUERIED: { label: "Context checked", group: "assessments", tone: "gray" },
  ASSESSED: { label: "Assessed", group: "assessments", tone: "gray" },
  DECIDED: { label: "Verdict", group: "verdicts", tone: "violet" },
  CONTAINMENT_EXECUTED: { label: "Contained", group: "containments", tone: "red" },
  CONTAINMENT_FAILED: { label: "Containment failed", group: "containments", tone: "amber" },
  CONTAINMENT_EXPIRED: { label: "Expired", group: "expiries", tone: "gray" },
  CONTAINMENT_RELEASED: { label: "Released", group: "releases", tone: "green" },
  RELEASE_REPEATED: { label: "Release repeated", group: "releases", tone: "gray" },
  RELEASE_LINK_REFUSED: { label: "Release link refused", group: "releases", tone: "amber" },
  RELEASE_LINK_ISSUED: { label: "Release link issued", group: "releases", tone: "gray" },
  APPROVAL_LINK_ISSUED: { label: "Approval link issued", group: "escalations", tone: "gray" },
  ESCALATION_OPENED: { label: "Escalated", group: "escalations", tone: "amber" },
  ESCALATION_RESOLVED: { label: "Escalation resolved", group: "escalations", tone: "green" },
  HOLD_PLACED: { label: "Hold placed", group: "holds", tone: "amber" },
  HOLD_LIFTED: { label: "Hold lifted", group: "holds", tone: "gray" },
  KILL_SWITCH_CHANGED: { label: "Kill switch", group: "changes", tone: "red" },
  POLICY_CHANGED: { label: "Policy change", group: "changes", tone: "violet" },
  REGISTRATION_CHANGED: { label: "Registration change", group: "changes", tone: "blue" },
  CAMPAIGN_CHANGED: { label: "Campaign change", group: "changes", tone: "blue" },
  PLAYBOOK_CHANGED: { label: "Playbook change", group: "changes", tone: "violet" },
  TOKEN_CHANGED: { label: "Token change", group: "changes", tone: "gray" },
  USER_CHANGED: { label: "User change", group: "changes", tone: "gray" },
  SETTINGS_CHANGED: { label: "Settings change", group: "changes", tone: "gray" },
};

export function typesInGroup(group: TAuditGroup): TAuditType[] {
  return AUDIT_TYPES.filter((t) => AUDIT_TYPE_META[t].group === group);
}

/** Verdicts that are a decision not to act: the feed shows them with their reasons. */
export const INACTION_VERDICTS: readonly TVerdict[] = ["escalate", "suppress", "forbid", "shadow"];

export const VERDICT_LABELS: Record<TVerdict, string> = {
  execute: "executed",
  escalate: "escalated",
  suppress: "suppressed",
  forbid: "forbidden",
  shadow: "shadow (rehearsal)",
};

export const ACTOR_KINDS = ["USER", "AUTOMATION", "TOKEN", "SYSTEM"] as const;
export type TActorKind = (typeof ACTOR_KINDS)[number];

export const ACTOR_KIND_LABELS: Record<TActorKind, string> = {
  USER: "a person",
  AUTOMATION: "automation (playbook)",
  TOKEN: "an API token or release link",
  SYSTEM: "Reflex itself",
};
