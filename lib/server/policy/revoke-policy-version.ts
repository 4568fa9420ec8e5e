import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";
import { lockPolicyVersions, requirePolicyPermission } from "./policy-guard";

export const ZRevoke = z.object({
  versionId: z.string().min(1),
  reason: z.string().trim().min(3, "Give a reason (at least 3 characters): it goes in the audit log.").max(500, "Keep the reason under 500 characters."),
});
export type TRevoke = z.infer<typeof ZRevoke>;

/**
 * Withdraws a version: the active one (then no policy is in force and every proposal
 * escalates until a CISO signs another — Reflex does not fall back to an older version on
 * its own, because nobody reviewed that choice), or a draft nobody should sign. Signed
 * content is untouched: only the lifecycle columns move (the database trigger allows
 * nothing else). Superseded and revoked versions are history and stay as they are.
 */
export async function revokePolicyVersion(client: TDb, options: { input: TRevoke; userId: string; actor: TAuditActor }) {
  const { input, actor } = options;
  const revoker = await requirePolicyPermission(client, options.userId, "policy:sign");
  return client.$transaction(async (tx) => {
    await lockPolicyVersions(tx);
    const row = await tx.policyVersion.findUnique({ where: { id: input.versionId } });
    if (!row) throw new ExpectedError("NOT_FOUND", "That policy version does not exist.");
    if (row.status !== "ACTIVE" && row.status !== "DRAFT") {
      throw new ExpectedError("CONFLICT", `Policy v${row.version} is already ${row.status.toLowerCase()}: only the active version or a draft can be revoked.`);
    }
    const wasActive = row.status === "ACTIVE";
    await tx.policyVersion.update({ where: { id: row.id }, data: { status: "REVOKED", revokedAt: new Date(), revokeReason: input.reason } });
    await appendAudit(tx, {
      type: "POLICY_CHANGED",
      actor,
      subject: { policyVersion: row.version },
      data: { change: "revoked", version: row.version, details: { reason: input.reason, wasActive } },
      summary: wasActive
        ? `${revoker.name} revoked the active policy v${row.version}: "${input.reason}". No policy is in force: every proposal escalates until a new version is signed.`
        : `${revoker.name} revoked policy draft v${row.version}: "${input.reason}"`,
    });
    return { id: row.id, version: row.version, wasActive };
  });
}
