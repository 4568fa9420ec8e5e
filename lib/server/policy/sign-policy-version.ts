import type { TDb } from "@/lib/db/client";
import { ZPolicyDocument } from "@/lib/domain/policy-schema";
import { policyDigest, signDigest } from "@/lib/domain/policy-signature";
import type { Prisma } from "@/lib/generated/prisma";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";
import { getOrCreateSigningKey } from "./signing-key";

/**
 * Signs a draft and makes it the active policy in one transaction: the previous active
 * version is superseded at the same instant, so decisions see one version or the other.
 */
export async function signPolicyVersion(
  client: TDb,
  options: { versionId: string; signer: { id: string; name: string }; actor: TAuditActor },
) {
  const { versionId, signer, actor } = options;
  return client.$transaction(async (tx) => {
    const [draft] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "PolicyVersion" WHERE "id" = ${versionId} FOR UPDATE`;
    const row = draft ? await tx.policyVersion.findUnique({ where: { id: versionId } }) : null;
    if (!row) throw new ExpectedError("NOT_FOUND", "That policy version does not exist.");
    if (row.status !== "DRAFT") throw new ExpectedError("CONFLICT", `Policy v${row.version} is ${row.status.toLowerCase()}, not a draft: only drafts can be signed.`);
    const parsed = ZPolicyDocument.safeParse(row.document);
    if (!parsed.success) throw new ExpectedError("BAD_INPUT", `Policy v${row.version} is not valid and cannot be signed.`);
    const key = await getOrCreateSigningKey(tx);
    const digest = policyDigest(parsed.data);
    const signature = signDigest(digest, key.privateKeyPem);
    const now = new Date();
    const previous = await tx.policyVersion.findFirst({ where: { status: "ACTIVE" } });
    if (previous) {
      await tx.policyVersion.update({ where: { id: previous.id }, data: { status: "SUPERSEDED", supersededAt: now } });
      await appendAudit(tx, {
        type: "POLICY_CHANGED",
        actor,
        subject: { policyVersion: previous.version },
        data: { change: "superseded", version: previous.version, details: { by: row.version } },
        summary: `Policy v${previous.version} was superseded by v${row.version}`,
      });
    }
    const signed = await tx.policyVersion.update({
      where: { id: row.id },
      data: {
        status: "ACTIVE",
        document: parsed.data as unknown as Prisma.InputJsonValue,
        signedById: signer.id,
        signedByName: signer.name,
        signedAt: now,
        digest,
        signature,
        signingKeyId: key.id,
      },
    });
    await appendAudit(tx, {
      type: "POLICY_CHANGED",
      actor,
      subject: { policyVersion: row.version },
      data: { change: "signed", version: row.version, details: { digest, signingKeyId: key.id } },
      summary: `${signer.name} signed policy v${row.version} (digest ${digest.slice(0, 16)}…); it is now active`,
    });
    return signed;
  });
}
