import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import type { TReleaseLinkRefusal } from "@/lib/domain/release-link-token";
import type { TJobSender } from "@/lib/jobs/queues";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import type { TRequestMeta } from "@/lib/server/http/request-meta";
import { checkApprovalLink } from "./approval-links";
import { approveEscalation, type TApproveResult } from "./approve-escalation";
import { rejectEscalation } from "./reject-escalation";

export const ZAnswerViaLink = z.discriminatedUnion("answer", [
  z.object({ answer: z.literal("approve"), token: z.string().trim().min(1).max(200), note: z.string().trim().max(500, "At most 500 characters.").optional() }),
  z.object({
    answer: z.literal("reject"),
    token: z.string().trim().min(1).max(200),
    reason: z.string("Say why it is rejected.").trim().min(3, "Say why (at least 3 characters): it is the record of a reviewed inaction.").max(500, "At most 500 characters."),
  }),
]);
export type TAnswerViaLink = z.infer<typeof ZAnswerViaLink>;

export type TAnswerViaLinkResult =
  | { ok: true; answer: "approve"; result: TApproveResult }
  | { ok: true; answer: "reject" }
  | { ok: false; refusal: TReleaseLinkRefusal };

export function approvalLinkActor(link: { linkId: string; addressee: string }, meta: TRequestMeta): TAuditActor {
  return { kind: "TOKEN", id: link.linkId, name: `${link.addressee} (approval link)`, role: "approval-link", ...meta };
}

/**
 * Answers the link's escalation as its addressee, through the same services as the console.
 * Single use: the link is claimed with a conditional update first; if the answer then fails
 * (already answered, bad input), the claim is undone so the link can be tried again.
 */
export async function answerViaLink(client: TDb, options: { input: TAnswerViaLink; meta: TRequestMeta; jobs: TJobSender; now?: Date }): Promise<TAnswerViaLinkResult> {
  const now = options.now ?? new Date();
  const { input } = options;
  const verdict = await checkApprovalLink(client, input.token, now);
  if (!verdict.ok) return { ok: false, refusal: verdict.reason };
  const link = verdict.row;
  const what = input.answer === "approve" ? `approved${input.note ? `: ${input.note}` : ""}` : `rejected: ${input.reason}`;
  const claimed = await client.approvalLink.updateMany({ where: { id: link.linkId, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now, usedReason: what.slice(0, 500) } });
  if (claimed.count === 0) return { ok: false, refusal: "used" };
  const responder = { kind: "link" as const, addressee: link.addressee };
  const actor = approvalLinkActor(link, options.meta);
  try {
    if (input.answer === "reject") {
      await rejectEscalation(client, { input: { escalationId: link.escalationId, reason: input.reason }, responder, actor, now });
      return { ok: true, answer: "reject" };
    }
    const result = await approveEscalation(client, { input: { escalationId: link.escalationId, note: input.note }, responder, actor, jobs: options.jobs, now });
    return { ok: true, answer: "approve", result };
  } catch (error) {
    await client.approvalLink.updateMany({ where: { id: link.linkId, usedAt: now }, data: { usedAt: null, usedReason: null } });
    throw error;
  }
}
