// Signed links: a bridge call can release a containment from a chat notification, and an
// escalation's named approver can answer it, without signing in. The link is the
// credential, so it is signed (HMAC-SHA256 with a key only the server holds), bound to one
// subject (a containment or an escalation) and one addressee, short-lived, and single-use
// (the link's row records its use). Token: "<link id>.<expiry, epoch s>.<signature>".
// The purpose is part of the signed message, so a release link never opens an approval.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { TParseResult } from "./result";

export type TLinkPurpose = "release" | "approval";

export type TLinkClaims = { linkId: string; subjectId: string; addressee: string; expiresAt: Date };
export type TLinkRow = TLinkClaims & { usedAt: Date | null; usedReason: string | null };
export type TReleaseLinkRefusal = "malformed" | "altered" | "used" | "expired";
export type TLinkVerdict<R> = { ok: true; row: R } | { ok: false; reason: TReleaseLinkRefusal; row: R | null };

export type TReleaseLinkClaims = { linkId: string; containmentId: string; addressee: string; expiresAt: Date };
/** The stored row the token must agree with (null when no row has the token's id). */
export type TReleaseLinkRow = TReleaseLinkClaims & { usedAt: Date | null; usedReason: string | null };
export type TReleaseLinkVerdict = TLinkVerdict<TReleaseLinkRow>;

const TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

const MESSAGE_VERSION: Record<TLinkPurpose, string> = { release: "reflex-release-link.v1", approval: "reflex-approval-link.v1" };

function signature(purpose: TLinkPurpose, claims: TLinkClaims, key: string): string {
  const expires = Math.floor(claims.expiresAt.getTime() / 1000);
  // Versioned and newline-separated: no field can run into the next one.
  const message = [MESSAGE_VERSION[purpose], claims.linkId, claims.subjectId, claims.addressee, String(expires)].join("\n");
  return createHmac("sha256", key).update(message, "utf8").digest("base64url");
}

export function signLink(purpose: TLinkPurpose, claims: TLinkClaims, key: string): string {
  if (key.length < 32) throw new Error("link signing key must be at least 32 characters");
  return `${claims.linkId}.${Math.floor(claims.expiresAt.getTime() / 1000)}.${signature(purpose, claims, key)}`;
}

export function signReleaseLink(claims: TReleaseLinkClaims, key: string): string {
  return signLink("release", { ...claims, subjectId: claims.containmentId }, key);
}

/** Reads the link id from a token, so the caller can load its row; says nothing about validity. */
export function parseReleaseToken(token: string): TParseResult<{ linkId: string; expiresAtSecs: number; signature: string }> {
  const m = TOKEN.exec(token.trim());
  if (!m) return { ok: false, error: "This is not a Reflex release link." };
  return { ok: true, value: { linkId: m[1]!, expiresAtSecs: Number(m[2]), signature: m[3]! } };
}

/**
 * The whole check, in order: the token must parse, name an existing link, carry the
 * signature of that link's stored claims for this purpose (so a changed id, expiry or
 * character anywhere is "altered"), not have been used, and not have expired.
 */
export function verifyLink<R extends TLinkRow>(purpose: TLinkPurpose, token: string, row: R | null, key: string, now: Date): TLinkVerdict<R> {
  const parsed = parseReleaseToken(token);
  if (!parsed.ok) return { ok: false, reason: "malformed", row: null };
  if (!row || row.linkId !== parsed.value.linkId) return { ok: false, reason: "altered", row: null };
  const expected = Buffer.from(signature(purpose, row, key));
  const given = Buffer.from(parsed.value.signature);
  const signed = expected.length === given.length && timingSafeEqual(expected, given);
  if (!signed || parsed.value.expiresAtSecs !== Math.floor(row.expiresAt.getTime() / 1000)) return { ok: false, reason: "altered", row: null };
  if (row.usedAt) return { ok: false, reason: "used", row };
  if (now.getTime() >= row.expiresAt.getTime()) return { ok: false, reason: "expired", row };
  return { ok: true, row };
}

export function verifyReleaseLink(token: string, row: TReleaseLinkRow | null, key: string, now: Date): TReleaseLinkVerdict {
  const verdict = verifyLink("release", token, row && { ...row, subjectId: row.containmentId }, key, now);
  return verdict.ok ? { ok: true, row: row! } : { ok: false, reason: verdict.reason, row: verdict.row && row };
}
