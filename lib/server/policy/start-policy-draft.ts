import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { defaultPolicyDocument } from "@/lib/domain/policy-defaults";
import { ZPolicyDocument } from "@/lib/domain/policy-schema";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";
import { createPolicyDraft } from "./create-policy-draft";

export const ZStartDraft = z.object({
  /** Copy this version (any status: rolling back is a new draft of an old version); null: the active one. */
  fromVersionId: z.string().min(1).nullable(),
});
export type TStartDraft = z.infer<typeof ZStartDraft>;

/**
 * Editing a signed policy means a new draft copied from it: the signed row never changes.
 * With no version named, the draft copies the active policy, or the starting policy
 * (everything escalates) when none is active yet.
 */
export async function startPolicyDraft(client: TDb, options: { input: TStartDraft; userId: string; actor: TAuditActor }) {
  const { fromVersionId } = options.input;
  const source = fromVersionId
    ? await client.policyVersion.findUnique({ where: { id: fromVersionId } })
    : await client.policyVersion.findFirst({ where: { status: "ACTIVE" } });
  if (fromVersionId && !source) throw new ExpectedError("NOT_FOUND", "That policy version does not exist.");
  const parsed = source ? ZPolicyDocument.safeParse(source.document) : null;
  if (parsed && !parsed.success) throw new ExpectedError("CONFLICT", `Policy v${source!.version} is not a valid document and cannot be copied.`);
  return createPolicyDraft(client, {
    document: parsed?.data ?? defaultPolicyDocument(),
    createdById: options.userId,
    basedOnId: source?.id ?? null,
    actor: options.actor,
  });
}
