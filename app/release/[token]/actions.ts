"use server";

import { db } from "@/lib/db/client";
import type { TReleaseLinkRefusal } from "@/lib/domain/release-link-token";
import { bossJobSender } from "@/lib/jobs/boss";
import { ExpectedError, fieldErrorsOf, logUnexpected } from "@/lib/server/errors";
import { currentRequestMeta } from "@/lib/server/http/request-meta";
import { releaseViaLink, ZReleaseViaLink } from "@/lib/server/release-links/release-via-link";

// The one server action that needs no session: the signed, single-use link is the
// credential (lib/domain/release-link-token.ts). It goes through the one release service.

export type TReleaseLinkState =
  | { status: "idle" }
  | { status: "released"; alreadyReleased: boolean; releasedBy: string | null }
  | { status: "refused"; refusal: TReleaseLinkRefusal }
  | { status: "invalid"; fieldErrors: Record<string, string[]> }
  | { status: "error"; message: string };

export async function releaseViaLinkAction(_previous: TReleaseLinkState, form: FormData): Promise<TReleaseLinkState> {
  const text = (key: string) => (typeof form.get(key) === "string" ? (form.get(key) as string) : undefined);
  const parsed = ZReleaseViaLink.safeParse({ token: text("token"), reason: text("reason") ?? "", name: text("name"), holdOffSeconds: Number(text("holdOffSeconds")) || undefined });
  if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    const result = await releaseViaLink(db(), { input: parsed.data, meta: await currentRequestMeta(), jobs: bossJobSender });
    if (!result.ok) return { status: "refused", refusal: result.refusal };
    return { status: "released", alreadyReleased: result.release.alreadyReleased, releasedBy: result.release.releasedBy };
  } catch (error) {
    if (error instanceof ExpectedError) return { status: "error", message: error.message };
    return { status: "error", message: `Something went wrong (ref ${logUnexpected(error, "action releaseViaLink")}). The containment was not released; use the console's Release button.` };
  }
}
