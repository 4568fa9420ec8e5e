import "server-only";
import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { parseReleaseToken, type TReleaseLinkRefusal } from "@/lib/domain/release-link-token";
import type { TJobSender } from "@/lib/jobs/queues";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
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
  if (!verdict.ok) return refuse(client, token, verdict.reason, options);
  const link = verdict.row;
  const claimed = await client.releaseLink.updateMany({
    where: { id: link.linkId, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now, usedReason: reason },
  });
  if (claimed.count === 0) {
    const again = await checkReleaseLink(client, token, now);
    return refuse(client, token, again.ok ? "used" : again.reason, options);
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

/**
 * A refused attempt on a real link is part of the containment's story (someone on the
 * bridge tried and was turned away, or someone edited a token), so it is audited against
 * that containment. Tokens that name no link are not: with nothing to attach them to, they
 * would only let anyone on the internet write to the audit log.
 */
async function refuse(
  client: TDb,
  token: string,
  refusal: TReleaseLinkRefusal,
  options: { input: TReleaseViaLink; meta: TRequestMeta },
): Promise<TReleaseViaLinkResult> {
  const parsed = parseReleaseToken(token);
  if (refusal === "malformed" || !parsed.ok) return { ok: false, refusal };
  const link = await client.releaseLink.findUnique({ where: { id: parsed.value.linkId }, select: { id: true, addressee: true, containmentId: true } });
  const c = link && (await client.containment.findUnique({ where: { id: link.containmentId }, select: { id: true, targetKind: true, targetValue: true, decisionId: true, policyVersion: true, playbookKey: true } }));
  if (!link || !c) return { ok: false, refusal };
  const why = { used: "it had already been used", expired: "it had expired", altered: "it had been altered" }[refusal];
  await client.$transaction((tx) =>
    appendAudit(tx, {
      type: "RELEASE_LINK_REFUSED",
      actor: releaseLinkActor({ linkId: link.id, addressee: link.addressee }, options.input.name, options.meta),
      subject: { kind: c.targetKind, value: c.targetValue, containmentId: c.id, decisionId: c.decisionId, policyVersion: c.policyVersion, playbookKey: c.playbookKey },
      data: { linkId: link.id, refusal, addressee: link.addressee, reason: options.input.reason },
      summary: `Refused a release link for ${c.targetValue} sent to ${link.addressee}: ${why}; nothing changed`,
    }),
  );
  return { ok: false, refusal };
}
