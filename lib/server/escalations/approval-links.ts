import type { TDb } from "@/lib/db/client";
import { parseReleaseToken, signLink, verifyLink, type TLinkRow, type TLinkVerdict } from "@/lib/domain/release-link-token";
import { consoleBaseUrl } from "@/lib/server/release-links/create-release-link";
import { releaseLinkKey } from "@/lib/server/release-links/release-link-key";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";

// Approval links reuse the release links' signer and key (lib/domain/release-link-token.ts),
// with their own purpose in the signed message. A named approver who is not a console user
// (a change board, a person outside the SOC) answers through one.

/** Long enough for a named approver to read it in the morning; the SLA is usually shorter. */
export const APPROVAL_LINK_TTL_SECONDS = 24 * 3600;

export type TApprovalLinkRow = TLinkRow & { escalationId: string };

// The escalated target is likely the one flooding: the audit chain's head may be busy.
const LINK_TX = { timeout: 60_000, maxWait: 30_000 };

/**
 * A signed, single-use link for one of the escalation's named approvers. It can approve, and
 * so execute, a containment: its issuance is signed in the audit log (who made it, for whom,
 * until when) in the transaction that creates it.
 */
export async function createApprovalLink(client: TDb, options: { escalationId: string; addressee: string; actor: TAuditActor; now?: Date }) {
  const now = options.now ?? new Date();
  // Whole seconds: the token carries the expiry in seconds and must agree with the row.
  const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + APPROVAL_LINK_TTL_SECONDS * 1000);
  // The key first: a link is audited only once it can be signed and sent.
  const key = await releaseLinkKey(client);
  const row = await client.$transaction(async (tx) => {
    const e = await tx.escalation.findUnique({
      where: { id: options.escalationId },
      select: { status: true, approvers: true, decision: { select: { id: true, alertId: true, targetKind: true, targetValue: true, policyVersion: true, playbookKey: true } } },
    });
    if (!e) throw new ExpectedError("NOT_FOUND", "No escalation with that id.");
    if (e.status !== "OPEN") throw new ExpectedError("CONFLICT", "This escalation is already answered.");
    if (!e.approvers.includes(options.addressee)) {
      throw new ExpectedError("BAD_INPUT", "Some fields need fixing.", { addressee: [`Send it to a named approver: ${e.approvers.join(" or ") || "this escalation names none"}.`] });
    }
    const link = await tx.approvalLink.create({ data: { escalationId: options.escalationId, addressee: options.addressee, expiresAt } });
    const d = e.decision;
    await appendAudit(tx, {
      type: "APPROVAL_LINK_ISSUED",
      actor: options.actor,
      subject: { kind: d.targetKind, value: d.targetValue, alertId: d.alertId, decisionId: d.id, policyVersion: d.policyVersion, playbookKey: d.playbookKey },
      data: { linkId: link.id, escalationId: options.escalationId, addressee: link.addressee, expiresAt: expiresAt.toISOString() },
      summary: `${options.actor.name} issued a single-use approval link for the escalation on ${d.targetValue} to ${link.addressee}, valid until ${expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    });
    return link;
  }, LINK_TX);
  const token = signLink("approval", { linkId: row.id, subjectId: row.escalationId, addressee: row.addressee, expiresAt: row.expiresAt }, key);
  return { id: row.id, token, url: `${consoleBaseUrl()}/approve/${token}`, addressee: row.addressee, expiresAt };
}

/** Loads the link a token names and verifies the token against it. */
export async function checkApprovalLink(client: TDb, token: string, now: Date = new Date()): Promise<TLinkVerdict<TApprovalLinkRow>> {
  const parsed = parseReleaseToken(token);
  if (!parsed.ok) return { ok: false, reason: "malformed", row: null };
  const row = await client.approvalLink.findUnique({ where: { id: parsed.value.linkId } });
  const claims = row && { linkId: row.id, subjectId: row.escalationId, escalationId: row.escalationId, addressee: row.addressee, expiresAt: row.expiresAt, usedAt: row.usedAt, usedReason: row.usedReason };
  return verifyLink("approval", token, claims, await releaseLinkKey(client), now);
}
