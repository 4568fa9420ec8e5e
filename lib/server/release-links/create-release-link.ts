import { randomUUID } from "node:crypto";
import type { TDb } from "@/lib/db/client";
import { signReleaseLink } from "@/lib/domain/release-link-token";
import { appendAuditEvents, SYSTEM_ACTOR, type TAuditInput } from "@/lib/server/audit/append-audit";
import { releaseLinkKey } from "./release-link-key";

// No "server-only" marker: the pipeline and `npx reflex worker` (plain Node) reach this file.

/** Release links are short-lived: long enough for a bridge call, short enough to go stale in chat history. */
export const RELEASE_LINK_TTL_SECONDS = 3600;

/** The console's public address: the same one next-auth uses (`reflex start` sets it). */
export function consoleBaseUrl(): string {
  return (process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

/** The containment a link releases, as the audit line about the link names it. */
export type TLinkContainment = {
  id: string;
  targetKind: string;
  targetValue: string;
  decisionId: string | null;
  policyVersion: number | null;
  playbookKey: string | null;
};

/**
 * Signed, single-use links that each release one containment, addressed to one recipient,
 * in one insert (a group's announcements: one per containment and webhook). A link is a
 * credential, so each one's issuance is signed in the audit log in the same transaction:
 * no link exists that the log cannot account for.
 */
export async function createReleaseLinks(client: TDb, links: readonly { containment: TLinkContainment; addressee: string }[], now = new Date()) {
  if (links.length === 0) return [];
  // Whole seconds: the token carries the expiry in seconds and must agree with the row.
  const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + RELEASE_LINK_TTL_SECONDS * 1000);
  const rows = links.map((l) => ({ id: randomUUID(), containmentId: l.containment.id, addressee: l.addressee, expiresAt }));
  // Under a flood the audit partition's head may be held by a group for a while: a timeout
  // here would lose the group's webhook announcements, so wait as the loop's transactions do.
  await client.$transaction(
    async (tx) => {
      await tx.releaseLink.createMany({ data: rows });
      await appendAuditEvents(tx, links.map((l, i) => issuedEvent(l.containment, rows[i]!)));
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  const key = await releaseLinkKey(client);
  return rows.map((row) => {
    const token = signReleaseLink({ linkId: row.id, containmentId: row.containmentId, addressee: row.addressee, expiresAt: row.expiresAt }, key);
    return { id: row.id, token, url: `${consoleBaseUrl()}/release/${token}`, expiresAt };
  });
}

function issuedEvent(c: TLinkContainment, link: { id: string; addressee: string; expiresAt: Date }): TAuditInput<"RELEASE_LINK_ISSUED"> {
  return {
    type: "RELEASE_LINK_ISSUED",
    actor: SYSTEM_ACTOR,
    subject: { kind: c.targetKind, value: c.targetValue, containmentId: c.id, decisionId: c.decisionId, policyVersion: c.policyVersion, playbookKey: c.playbookKey },
    data: { linkId: link.id, addressee: link.addressee, expiresAt: link.expiresAt.toISOString() },
    summary: `Issued a single-use release link for ${c.targetValue} to ${link.addressee}, valid until ${link.expiresAt.toISOString().slice(11, 16)} UTC`,
  };
}
