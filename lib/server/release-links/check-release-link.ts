import "server-only";
import type { TDb } from "@/lib/db/client";
import { parseReleaseToken, verifyReleaseLink, type TReleaseLinkVerdict } from "@/lib/domain/release-link-token";
import { releaseLinkKey } from "./release-link-key";

/** Loads the link a token names and verifies the token against it (lib/domain/release-link-token.ts). */
export async function checkReleaseLink(client: TDb, token: string, now: Date = new Date()): Promise<TReleaseLinkVerdict> {
  const parsed = parseReleaseToken(token);
  if (!parsed.ok) return { ok: false, reason: "malformed", row: null };
  const row = await client.releaseLink.findUnique({ where: { id: parsed.value.linkId } });
  const claims = row && { linkId: row.id, containmentId: row.containmentId, addressee: row.addressee, expiresAt: row.expiresAt, usedAt: row.usedAt, usedReason: row.usedReason };
  return verifyReleaseLink(token, claims, await releaseLinkKey(client), now);
}

/** What the confirmation page shows: the link's verdict and, for a genuine link, its containment. */
export async function readReleaseLink(client: TDb, token: string, now: Date = new Date()) {
  const verdict = await checkReleaseLink(client, token, now);
  const containment = verdict.row
    ? await client.containment.findUnique({
        where: { id: verdict.row.containmentId },
        select: { id: true, action: true, targetKind: true, targetValue: true, status: true, reason: true, policyVersion: true, playbookKey: true, activatedAt: true, createdAt: true, expiresAt: true, endedAt: true, releasedByName: true, releaseReason: true },
      })
    : null;
  return { verdict, containment };
}
