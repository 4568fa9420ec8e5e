import type { TDb } from "@/lib/db/client";
import { sortRules } from "@/lib/domain/policy-grid";
import { ZEditablePolicyDocument } from "@/lib/domain/policy-schema";
import type { TPolicyDocument } from "@/lib/domain/types";
import type { Prisma } from "@/lib/generated/prisma";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError, fieldErrorsOf } from "@/lib/server/errors";
import { listAssetClassKeys } from "./list-asset-classes";
import { lockPolicyVersions, requirePolicyPermission } from "./policy-guard";

/** Parses a document the way drafts are saved: the editor's rules, and cells in grid order. */
export async function parseDraftDocument(client: TDb, raw: unknown): Promise<TPolicyDocument> {
  const parsed = ZEditablePolicyDocument.safeParse(raw);
  if (!parsed.success) throw new ExpectedError("BAD_INPUT", "Some cells need fixing: see the messages on them.", fieldErrorsOf(parsed.error));
  return { ...parsed.data, rules: sortRules(parsed.data.rules, await listAssetClassKeys(client)) };
}

/** Why a draft exists when it is not hand-written: said in its audit event. */
export type TDraftOrigin = { summary: string; details: Record<string, unknown> };

/**
 * A new draft version with the next version number. Needs policy:edit (the CISO), or
 * policy:promote for a draft that only switches a rehearsed cell to autonomous (the
 * caller, lib/server/rehearsal/promote-shadow-cell.ts, builds that document itself).
 * A draft acts on nothing until a CISO signs it.
 */
export async function createPolicyDraft(
  client: TDb,
  options: {
    document: TPolicyDocument;
    createdById: string;
    basedOnId?: string | null;
    actor: TAuditActor;
    permission?: "policy:edit" | "policy:promote";
    origin?: TDraftOrigin;
  },
) {
  await requirePolicyPermission(client, options.createdById, options.permission ?? "policy:edit");
  const document = await parseDraftDocument(client, options.document);
  return client.$transaction(async (tx) => {
    await lockPolicyVersions(tx);
    const last = await tx.policyVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    const basedOn = options.basedOnId ? await tx.policyVersion.findUnique({ where: { id: options.basedOnId }, select: { version: true } }) : null;
    const draft = await tx.policyVersion.create({
      data: {
        version,
        document: document as unknown as Prisma.InputJsonValue,
        createdById: options.createdById,
        basedOnId: options.basedOnId ?? null,
      },
    });
    await appendAudit(tx, {
      type: "POLICY_CHANGED",
      actor: options.actor,
      subject: { policyVersion: version },
      data: { change: "draft_created", version, details: basedOn || options.origin ? { ...(basedOn && { basedOn: basedOn.version }), ...options.origin?.details } : undefined },
      summary: `${options.actor.name} created policy draft v${version}${basedOn ? ` from v${basedOn.version}` : ""}${options.origin ? `: ${options.origin.summary}` : ""}`,
    });
    return draft;
  });
}
