import { VERDICT_LABELS } from "@/lib/domain/audit-types";
import type { AuditType } from "@/lib/generated/prisma";
import type { TAuditData } from "@/lib/server/audit/event-data";
import type { TTypedAuditData } from "@/lib/server/audit-feed/feed-entry";

// The facts an expanded feed entry lists, one renderer per event type. The mapped type
// makes this exhaustive: a new AuditType does not compile until it has one here.

export type TFact = { label: string; value: string; mono?: boolean };

const target = (t: { kind: string; value: string }) => `${t.kind} ${t.value}`;
const list = (items: readonly string[]) => (items.length ? items.join("; ") : "—");
const change = (c: string) => c.replaceAll("_", " ");
const details = (d: Record<string, unknown> | undefined): TFact[] => (d && Object.keys(d).length ? [{ label: "Details", value: JSON.stringify(d), mono: true }] : []);

const REFUSAL_FACTS = { used: "the link had already been used", expired: "the link had expired", altered: "the link had been altered" } as const;

const FACTS: { [T in AuditType]: (data: TAuditData<T>) => TFact[] } = {
  ALERT_RECEIVED: (d) => [
    { label: "Alert", value: d.title },
    { label: "Severity", value: d.severity },
    { label: "Rule", value: d.ruleId, mono: true },
    { label: "Source", value: `${d.source} (${d.format}), id ${d.externalId}` },
    { label: "Target", value: d.target ? target(d.target) : "none: nothing to contain" },
  ],
  ALERT_REJECTED: (d) => [
    { label: "Why not actionable", value: d.reason },
    { label: "Source", value: `${d.source} (${d.format}), id ${d.externalId}` },
  ],
  CONTEXT_QUERIED: (d) => [
    { label: "Question", value: d.question },
    { label: "Answer", value: `${d.status}: ${d.answer}` },
    { label: "Evidence", value: list(d.evidence) },
  ],
  ASSESSED: (d) => [
    { label: "Proposal", value: `${d.action} on ${target(d.target)}` },
    { label: "Confidence", value: d.confidence.toFixed(2) },
    { label: "Blast radius", value: `${d.blastRadius.count}${d.blastRadius.items.length ? ` (${d.blastRadius.items.join(", ")})` : ""}` },
    { label: "Reversible", value: d.reversible ? "yes" : "no" },
    { label: "Playbook", value: `${d.playbook} v${d.playbookVersion}` },
    { label: "Rationale", value: d.rationale },
  ],
  DECIDED: (d) => [
    { label: "Verdict", value: VERDICT_LABELS[d.verdict] },
    { label: "Reasons", value: list(d.reasons) },
    { label: "Asset class", value: d.assetClass },
    { label: "Policy", value: d.policyVersion ? `v${d.policyVersion}` : "no signed policy" },
    ...(d.ttlSeconds ? [{ label: "TTL", value: `${d.ttlSeconds} s` }] : []),
    ...(d.recommendation ? [{ label: "Recommendation", value: d.recommendation }] : []),
    ...(d.approver ? [{ label: "Approver", value: d.approver }] : []),
  ],
  CONTAINMENT_EXECUTED: (d) => [
    { label: "Action", value: `${d.action} on ${target(d.target)}` },
    { label: "Connector", value: d.connector },
    { label: "Until", value: `${d.expiresAt} (${d.ttlSeconds} s)` },
    { label: "Why", value: d.reason },
  ],
  CONTAINMENT_FAILED: (d) => [
    { label: "Action", value: `${d.action} on ${target(d.target)}` },
    { label: "Error", value: d.error },
    { label: "Attempt", value: `${d.attempt}${d.willRetry ? ", will retry" : ", gave up"}` },
  ],
  CONTAINMENT_EXPIRED: (d) => [
    { label: "Action", value: `${d.action} on ${target(d.target)}` },
    { label: "Expired at", value: d.expiresAt },
  ],
  CONTAINMENT_RELEASED: (d) => [
    { label: "Action undone", value: `${d.action} on ${target(d.target)}` },
    { label: "Reason", value: d.reason },
    { label: "Hold-off until", value: d.holdOffUntil ?? "none" },
  ],
  RELEASE_REPEATED: (d) => [
    { label: "Reason given", value: d.reason },
    { label: "Already released by", value: d.alreadyReleasedBy ?? "—" },
  ],
  RELEASE_LINK_REFUSED: (d) => [
    { label: "Refused because", value: REFUSAL_FACTS[d.refusal] },
    { label: "Link sent to", value: d.addressee },
    { label: "Reason given", value: d.reason || "—" },
  ],
  APPROVAL_LINK_ISSUED: (d) => [
    { label: "For", value: d.addressee },
    { label: "Valid until", value: `${d.expiresAt} (one use)` },
  ],
  RELEASE_LINK_ISSUED: (d) => [
    { label: "Sent to", value: d.addressee },
    { label: "Valid until", value: `${d.expiresAt} (one use)` },
  ],
  ESCALATION_OPENED: (d) => [
    { label: "Recommendation", value: d.recommendation },
    { label: "Escalated to", value: d.approver ?? "the SOC queue" },
    { label: "Answer due by", value: d.slaDueAt },
  ],
  ESCALATION_RESOLVED: (d) => [
    { label: "Outcome", value: `${d.status.toLowerCase()}${d.modified ? " (modified)" : ""}` },
    { label: "Resolution", value: d.resolution },
    ...(d.action ? [{ label: "Action", value: `${d.action}${d.ttlSeconds ? ` for ${d.ttlSeconds} s` : ""}` }] : []),
    ...(d.reasons?.length ? [{ label: "Decision on answering", value: list(d.reasons) }] : []),
  ],
  HOLD_PLACED: (d) => [
    { label: "Hold", value: `${d.kind === "INVESTIGATION" ? "investigation hold" : "release hold-off"} on ${target(d.selector)}` },
    { label: "Until", value: d.expiresAt },
    { label: "Reason", value: d.reason },
  ],
  HOLD_LIFTED: (d) => [
    { label: "Hold on", value: target(d.selector) },
    { label: "Reason", value: d.reason },
  ],
  KILL_SWITCH_CHANGED: (d) => [
    { label: "Kill switch", value: d.engaged ? "engaged: no autonomous action" : "disengaged" },
    { label: "Reason", value: d.reason },
  ],
  POLICY_CHANGED: (d) => [{ label: "Policy", value: `v${d.version}: ${change(d.change)}` }, ...details(d.details)],
  REGISTRATION_CHANGED: (d) => [{ label: "Registration", value: `${target(d.selector)}: ${change(d.change)}` }, ...details(d.details)],
  CAMPAIGN_CHANGED: (d) => [{ label: "Campaign", value: change(d.change) }, ...details(d.details)],
  PLAYBOOK_CHANGED: (d) => [{ label: "Playbook", value: `${d.key} v${d.version}: ${change(d.change)}` }, ...details(d.details)],
  TOKEN_CHANGED: (d) => [{ label: "Token", value: `${d.name} (${d.scope}): ${change(d.change)}` }, ...details(d.details)],
  USER_CHANGED: (d) => [{ label: "User", value: `${d.email} (${d.role}): ${change(d.change)}` }, ...details(d.details)],
  SETTINGS_CHANGED: (d) => [{ label: "Setting", value: `${d.key}: ${change(d.change)}` }, ...details(d.details)],
};

export function auditFacts(typed: TTypedAuditData): TFact[] {
  return (FACTS[typed.type] as (data: TTypedAuditData["data"]) => TFact[])(typed.data);
}
