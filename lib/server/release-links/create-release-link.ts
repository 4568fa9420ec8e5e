import { randomUUID } from "node:crypto";
import type { TDb } from "@/lib/db/client";
import { signReleaseLink } from "@/lib/domain/release-link-token";
import { releaseLinkKey } from "./release-link-key";

// No "server-only" marker: the pipeline and `npx reflex worker` (plain Node) reach this file.

/** Release links are short-lived: long enough for a bridge call, short enough to go stale in chat history. */
export const RELEASE_LINK_TTL_SECONDS = 3600;

/** The console's public address: the same one next-auth uses (`reflex start` sets it). */
export function consoleBaseUrl(): string {
  return (process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

/**
 * Signed, single-use links that each release one containment, addressed to one recipient,
 * in one insert (a group's announcements: one per containment and webhook).
 */
export async function createReleaseLinks(client: TDb, links: readonly { containmentId: string; addressee: string }[], now = new Date()) {
  if (links.length === 0) return [];
  // Whole seconds: the token carries the expiry in seconds and must agree with the row.
  const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + RELEASE_LINK_TTL_SECONDS * 1000);
  const rows = links.map((l) => ({ id: randomUUID(), containmentId: l.containmentId, addressee: l.addressee, expiresAt }));
  await client.releaseLink.createMany({ data: rows });
  const key = await releaseLinkKey(client);
  return rows.map((row) => {
    const token = signReleaseLink({ linkId: row.id, containmentId: row.containmentId, addressee: row.addressee, expiresAt: row.expiresAt }, key);
    return { id: row.id, token, url: `${consoleBaseUrl()}/release/${token}`, expiresAt };
  });
}
