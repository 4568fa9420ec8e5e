import type { TDb } from "@/lib/db/client";
import { parseReleaseToken, signLink, verifyLink, type TLinkRow, type TLinkVerdict } from "@/lib/domain/release-link-token";
import { consoleBaseUrl } from "@/lib/server/release-links/create-release-link";
import { releaseLinkKey } from "@/lib/server/release-links/release-link-key";
import { ExpectedError } from "@/lib/server/errors";

// Approval links reuse the release links' signer and key (lib/domain/release-link-token.ts),
// with their own purpose in the signed message. A named approver who is not a console user
// (a change board, a person outside the SOC) answers through one.

/** Long enough for a named approver to read it in the morning; the SLA is usually shorter. */
export const APPROVAL_LINK_TTL_SECONDS = 24 * 3600;

export type TApprovalLinkRow = TLinkRow & { escalationId: string };

/** A signed, single-use link for one of the escalation's named approvers. */
export async function createApprovalLink(client: TDb, options: { escalationId: string; addressee: string; now?: Date }) {
  const now = options.now ?? new Date();
  const e = await client.escalation.findUnique({ where: { id: options.escalationId }, select: { status: true, approvers: true } });
  if (!e) throw new ExpectedError("NOT_FOUND", "No escalation with that id.");
  if (e.status !== "OPEN") throw new ExpectedError("CONFLICT", "This escalation is already answered.");
  if (!e.approvers.includes(options.addressee)) {
    throw new ExpectedError("BAD_INPUT", "Some fields need fixing.", { addressee: [`Send it to a named approver: ${e.approvers.join(" or ") || "this escalation names none"}.`] });
  }
  // Whole seconds: the token carries the expiry in seconds and must agree with the row.
  const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + APPROVAL_LINK_TTL_SECONDS * 1000);
  const row = await client.approvalLink.create({ data: { escalationId: options.escalationId, addressee: options.addressee, expiresAt } });
  const token = signLink("approval", { linkId: row.id, subjectId: row.escalationId, addressee: row.addressee, expiresAt: row.expiresAt }, await releaseLinkKey(client));
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
