import type { TDb } from "@/lib/db/client";
import { ZPolicyDocument } from "@/lib/domain/policy-schema";
import type { TPolicyDocument } from "@/lib/domain/types";
import type { Prisma } from "@/lib/generated/prisma";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";

/** A new draft version with the next version number. */
export async function createPolicyDraft(
  client: TDb,
  options: { document: TPolicyDocument; createdById: string; basedOnId?: string | null; actor: TAuditActor },
) {
  const document = ZPolicyDocument.parse(options.document);
  return client.$transaction(async (tx) => {
    const last = await tx.policyVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
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
      data: { change: "draft_created", version },
      summary: `${options.actor.name} created policy draft v${version}`,
    });
    return draft;
  });
}
