import "server-only";
import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import type { TReleaseLinkRefusal } from "@/lib/domain/release-link-token";
import type { TJobSender } from "@/lib/jobs/queues";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { releaseContainment, ZReleaseRequest, type TReleaseResult } from "@/lib/server/containments/release-containment";
import type { TRequestMeta } from "@/lib/server/http/request-meta";
import { checkReleaseLink } from "./check-release-link";

export const ZReleaseViaLink = ZReleaseRequest.extend({
  token: z.string().trim().min(1).max(200),
  /** Who is clicking, as they say: recorded next to the addressee, not verified. */
  name: z
    .string()
    .trim()
    .max(100, "At most 100 characters.")
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type TReleaseViaLink = z.infer<typeof ZReleaseViaLink>;

export type TReleaseViaLinkResult = { ok: true; release: TReleaseResult } | { ok: false; refusal: TReleaseLinkRefusal };

/** The audit log's "who": the link's addressee, plus the name the person gave, if any. */
export function releaseLinkActor(link: { linkId: string; addressee: string }, name: string | undefined, meta: TRequestMeta): TAuditActor {
  const via = `release link sent to ${link.addressee}`;
  return { kind: "TOKEN", id: link.linkId, name: name ? `${name} (${via})` : via, role: "release-link", ...meta };
}

/**
 * Releases the link's containment through the one release service. Single use: the link
 * is claimed with a conditional update first, so of two clicks at once exactly one gets
 * through (the other finds it used). If the release then fails, the claim is undone so the
 * link can be tried again; if the process dies in between, the link stays used and the
 * containment stays in force: the safe side, and the console's Release button still works.
 */
export async function releaseViaLink(
  client: TDb,
  options: { input: TReleaseViaLink; meta: TRequestMeta; jobs: TJobSender; now?: Date },
): Promise<TReleaseViaLinkResult> {
  const now = options.now ?? new Date();
  const { token, reason, holdOffSeconds, name } = options.input;
  const verdict = await checkReleaseLink(client, token, now);
  if (!verdict.ok) return { ok: false, refusal: verdict.reason };
  const link = verdict.row;
  const claimed = await client.releaseLink.updateMany({
    where: { id: link.linkId, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now, usedReason: reason },
  });
  if (claimed.count === 0) {
    const again = await checkReleaseLink(client, token, now);
    return { ok: false, refusal: again.ok ? "used" : again.reason };
  }
  try {
    const release = await releaseContainment(client, {
      containmentId: link.containmentId,
      request: { reason, holdOffSeconds },
      actor: releaseLinkActor(link, name, options.meta),
      jobs: options.jobs,
    });
    return { ok: true, release };
  } catch (error) {
    await client.releaseLink.updateMany({ where: { id: link.linkId, usedAt: now }, data: { usedAt: null, usedReason: null } });
    throw error;
  }
}
