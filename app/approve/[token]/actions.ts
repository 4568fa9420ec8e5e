"use server";

import { db } from "@/lib/db/client";
import type { TReleaseLinkRefusal } from "@/lib/domain/release-link-token";
import { bossJobSender } from "@/lib/jobs/boss";
import { ExpectedError, fieldErrorsOf, logUnexpected } from "@/lib/server/errors";
import { answerViaLink, ZAnswerViaLink } from "@/lib/server/escalations/answer-via-link";
import { currentRequestMeta } from "@/lib/server/http/request-meta";

// No session: the signed, single-use approval link is the credential. It goes through the
// same approve and reject services as the console.

export type TApproveLinkState =
  | { status: "idle" }
  | { status: "approved"; ttl: number; containmentId: string }
  | { status: "superseded"; reasons: string[] }
  | { status: "rejected" }
  | { status: "refused"; refusal: TReleaseLinkRefusal }
  | { status: "invalid"; fieldErrors: Record<string, string[]> }
  | { status: "error"; message: string };

export async function answerViaLinkAction(_previous: TApproveLinkState, form: FormData): Promise<TApproveLinkState> {
  const text = (key: string) => (typeof form.get(key) === "string" ? (form.get(key) as string) : undefined);
  const parsed = ZAnswerViaLink.safeParse({ answer: text("answer"), token: text("token"), note: text("note") || undefined, reason: text("reason") ?? "" });
  if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    const outcome = await answerViaLink(db(), { input: parsed.data, meta: await currentRequestMeta(), jobs: bossJobSender });
    if (!outcome.ok) return { status: "refused", refusal: outcome.refusal };
    if (outcome.answer === "reject") return { status: "rejected" };
    const r = outcome.result;
    return r.outcome === "executed" ? { status: "approved", ttl: r.ttlSeconds, containmentId: r.containmentId } : { status: "superseded", reasons: r.reasons };
  } catch (error) {
    if (error instanceof ExpectedError) return { status: "error", message: error.message };
    return { status: "error", message: `Something went wrong (ref ${logUnexpected(error, "action answerViaLink")}). Nothing was approved; the link can be used again.` };
  }
}
