import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { diffPolicies } from "@/lib/domain/policy-diff";
import { ZPolicyDocument } from "@/lib/domain/policy-schema";
import { labelLookup } from "@/lib/domain/policy-wording";
import type { Prisma } from "@/lib/generated/prisma";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";
import { parseDraftDocument } from "./create-policy-draft";
import { listAssetClasses } from "./list-asset-classes";
import { requirePolicyPermission } from "./policy-guard";

export const ZDraftUpdate = z.object({
  versionId: z.string().min(1),
  /** The editVersion the editor loaded: a save on top of someone else's fails loudly. */
  expectedEditVersion: z.number().int().min(1),
  /** Checked by the service with the editor's rules, so messages land on the right cell. */
  document: z.unknown(),
});
export type TDraftUpdate = z.infer<typeof ZDraftUpdate>;

/** Saves a whole draft document (optimistic concurrency on editVersion). Needs policy:edit. */
export async function updatePolicyDraft(client: TDb, options: { update: TDraftUpdate; userId: string; actor: TAuditActor }) {
  const { update, actor } = options;
  await requirePolicyPermission(client, options.userId, "policy:edit");
  const document = await parseDraftDocument(client, update.document);
  const labelOf = labelLookup(await listAssetClasses(client));
  return client.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "PolicyVersion" WHERE "id" = ${update.versionId} FOR UPDATE`;
    const row = locked ? await tx.policyVersion.findUnique({ where: { id: locked.id } }) : null;
    if (!row) throw new ExpectedError("NOT_FOUND", "That policy draft does not exist (it may have been revoked and removed).");
    if (row.status !== "DRAFT") {
      throw new ExpectedError("CONFLICT", `Policy v${row.version} is ${row.status.toLowerCase()} now, not a draft: signed versions never change. Start a new draft from it to make changes.`);
    }
    if (row.editVersion !== update.expectedEditVersion) {
      throw new ExpectedError(
        "CONFLICT",
        `Someone saved draft v${row.version} (edit ${row.editVersion}) while you were editing edit ${update.expectedEditVersion}. Your changes are not saved: reload to see theirs, then make yours again.`,
      );
    }
    const previous = ZPolicyDocument.safeParse(row.document);
    const changes = previous.success ? diffPolicies(previous.data, document, labelOf).map((c) => c.text) : ["the whole document (the stored one did not parse)"];
    const editVersion = row.editVersion + 1;
    await tx.policyVersion.update({
      where: { id: row.id },
      data: { document: document as unknown as Prisma.InputJsonValue, editVersion },
    });
    await appendAudit(tx, {
      type: "POLICY_CHANGED",
      actor,
      subject: { policyVersion: row.version },
      data: { change: "draft_edited", version: row.version, details: { editVersion, changes } },
      summary:
        changes.length === 0
          ? `${actor.name} saved policy draft v${row.version} without changes`
          : `${actor.name} edited policy draft v${row.version}: ${changes.slice(0, 3).join("; ")}${changes.length > 3 ? ` (and ${changes.length - 3} more)` : ""}`,
    });
    return { id: row.id, version: row.version, editVersion, changes, document };
  });
}
