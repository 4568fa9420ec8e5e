import { z } from "zod";
import type { AuditType } from "@/lib/generated/prisma";

// Typed data per audit event type: written through the builder (parsed on write) and
// parsed again on read. A new AuditType does not compile until it has a schema here.

const ZTarget = z.object({ kind: z.string(), value: z.string() });
const ZChange = <T extends [string, ...string[]]>(changes: T) =>
  z.object({ change: z.enum(changes), details: z.record(z.string(), z.unknown()).optional() });

export const AUDIT_DATA_SCHEMAS = {
  ALERT_RECEIVED: z.object({
    format: z.string(),
    source: z.string(),
    externalId: z.string(),
    ruleId: z.string(),
    severity: z.string(),
    title: z.string(),
    target: ZTarget.nullable(),
  }),
  ALERT_REJECTED: z.object({ reason: z.string(), format: z.string(), source: z.string(), externalId: z.string() }),
  CONTEXT_QUERIED: z.object({
    question: z.string(),
    status: z.enum(["clear", "conflicting", "unavailable"]),
    answer: z.string(),
    evidence: z.array(z.string()),
  }),
  ASSESSED: z.object({
    playbook: z.string(),
    playbookVersion: z.number(),
    action: z.string(),
    target: ZTarget,
    confidence: z.number(),
    blastRadius: z.object({ count: z.number(), items: z.array(z.string()) }),
    reversible: z.boolean(),
    rationale: z.string(),
  }),
  DECIDED: z.object({
    verdict: z.enum(["execute", "escalate", "suppress", "forbid", "shadow"]),
    reasons: z.array(z.string()),
    assetClass: z.string(),
    policyVersion: z.number().nullable(),
    ttlSeconds: z.number().nullable(),
    recommendation: z.string().nullable(),
    approver: z.string().nullable(),
    registrationIds: z.array(z.string()),
  }),
  CONTAINMENT_EXECUTED: z.object({
    action: z.string(),
    target: ZTarget,
    connector: z.string(),
    ttlSeconds: z.number(),
    expiresAt: z.string(),
    reason: z.string(),
  }),
  CONTAINMENT_FAILED: z.object({
    action: z.string(),
    target: ZTarget,
    connector: z.string(),
    error: z.string(),
    attempt: z.number(),
    willRetry: z.boolean(),
  }),
  CONTAINMENT_EXPIRED: z.object({ action: z.string(), target: ZTarget, expiresAt: z.string() }),
  CONTAINMENT_RELEASED: z.object({
    action: z.string(),
    target: ZTarget,
    reason: z.string(),
    holdOffUntil: z.string().nullable(),
  }),
  RELEASE_REPEATED: z.object({ reason: z.string(), alreadyReleasedBy: z.string().nullable() }),
  RELEASE_LINK_REFUSED: z.object({ linkId: z.string(), refusal: z.enum(["used", "expired", "altered"]), addressee: z.string(), reason: z.string() }),
  RELEASE_LINK_ISSUED: z.object({ linkId: z.string(), addressee: z.string(), expiresAt: z.string() }),
  APPROVAL_LINK_ISSUED: z.object({ linkId: z.string(), escalationId: z.string(), addressee: z.string(), expiresAt: z.string() }),
  ESCALATION_OPENED: z.object({
    escalationId: z.string(),
    recommendation: z.string(),
    approver: z.string().nullable(),
    slaDueAt: z.string(),
  }),
  ESCALATION_RESOLVED: z.object({
    escalationId: z.string(),
    status: z.enum(["APPROVED", "REJECTED", "SUPERSEDED"]),
    resolution: z.string(),
    /** What was (or would have been) executed, after any modification. */
    action: z.string().optional(),
    ttlSeconds: z.number().nullable().optional(),
    containmentId: z.string().nullable().optional(),
    /** The re-run decision's reasons: why it executed, or why it no longer may. */
    reasons: z.array(z.string()).optional(),
    modified: z.boolean().optional(),
  }),
  HOLD_PLACED: z.object({
    holdId: z.string(),
    kind: z.enum(["INVESTIGATION", "RELEASE_HOLDOFF"]),
    selector: ZTarget,
    reason: z.string(),
    expiresAt: z.string(),
  }),
  HOLD_LIFTED: z.object({ holdId: z.string(), selector: ZTarget, reason: z.string() }),
  KILL_SWITCH_CHANGED: z.object({ engaged: z.boolean(), reason: z.string() }),
  POLICY_CHANGED: ZChange(["draft_created", "draft_edited", "backtested", "signed", "superseded", "revoked"]).extend({
    version: z.number(),
  }),
  REGISTRATION_CHANGED: ZChange(["created", "edited", "handed_over", "recertified", "deleted", "expired"]).extend({
    registrationId: z.string(),
    selector: ZTarget,
  }),
  CAMPAIGN_CHANGED: ZChange(["opened", "edited", "closed", "reminded"]).extend({ campaignId: z.string() }),
  PLAYBOOK_CHANGED: ZChange(["created", "edited", "enabled", "disabled"]).extend({ key: z.string(), version: z.number() }),
  TOKEN_CHANGED: ZChange(["created", "revoked"]).extend({ tokenId: z.string(), name: z.string(), scope: z.string() }),
  USER_CHANGED: ZChange(["created", "role_changed", "disabled", "enabled", "password_changed"]).extend({
    userId: z.string(),
    email: z.string(),
    role: z.string(),
  }),
  SETTINGS_CHANGED: ZChange(["updated"]).extend({ key: z.string() }),
} satisfies Record<AuditType, z.ZodType>;

export type TAuditData<T extends AuditType> = z.infer<(typeof AUDIT_DATA_SCHEMAS)[T]>;
