import type { TDb } from "@/lib/db/client";
import { autonomyShift } from "@/lib/domain/policy-diff";
import { ZPolicyDocument } from "@/lib/domain/policy-schema";
import { policyDigest, signDigest } from "@/lib/domain/policy-signature";
import { policySigningProblems } from "@/lib/domain/policy-signing-checks";
import { labelLookup } from "@/lib/domain/policy-wording";
import type { Prisma } from "@/lib/generated/prisma";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";
import { listAssetClasses } from "./list-asset-classes";
import { lockPolicyVersions, requirePolicyPermission } from "./policy-guard";
import { getOrCreateSigningKey } from "./signing-key";

/**
 * Signs a draft and makes it the active policy in one transaction: the previous active
 * version is superseded at the same instant, so decisions see one version or the other.
 * Only a CISO (checked against the signer's user row), only a draft that passes the
 * signing checks (not empty, not contradictory), and — when the caller says what it
 * showed the signer — only the draft edit and the active version the signer reviewed.
 * Re-authentication is the caller's job (confirm-signer.ts): the seed signs without it.
 */
export async function signPolicyVersion(
  client: TDb,
  options: {
    versionId: string;
    signer: { id: string; name: string };
    actor: TAuditActor;
    expectedEditVersion?: number;
    /** The active version the signer's summary compared against (null: none was active). */
    expectedActiveVersion?: number | null;
  },
) {
  const { versionId, actor } = options;
  const signer = await requirePolicyPermission(client, options.signer.id, "policy:sign");
  return client.$transaction(async (tx) => {
    await lockPolicyVersions(tx);
    const [draft] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "PolicyVersion" WHERE "id" = ${versionId} FOR UPDATE`;
    const row = draft ? await tx.policyVersion.findUnique({ where: { id: versionId } }) : null;
    if (!row) throw new ExpectedError("NOT_FOUND", "That policy version does not exist.");
    if (row.status !== "DRAFT") throw new ExpectedError("CONFLICT", `Policy v${row.version} is ${row.status.toLowerCase()}, not a draft: only drafts can be signed.`);
    if (options.expectedEditVersion !== undefined && options.expectedEditVersion !== row.editVersion) {
      throw new ExpectedError("CONFLICT", `Draft v${row.version} was saved again (edit ${row.editVersion}) after you reviewed edit ${options.expectedEditVersion}. Reload and review it before signing.`);
    }
    const parsed = ZPolicyDocument.safeParse(row.document);
    if (!parsed.success) throw new ExpectedError("BAD_INPUT", `Policy v${row.version} is not valid and cannot be signed.`);
    const classes = await listAssetClasses(tx);
    const labelOf = labelLookup(classes);
    const problems = policySigningProblems(parsed.data, { assetClasses: classes.map((c) => c.key), labelOf });
    if (problems.length > 0) {
      const fields: Record<string, string[]> = {};
      for (const p of problems) (fields[p.path] ??= []).push(p.message);
      throw new ExpectedError("BAD_INPUT", `Policy v${row.version} cannot be signed yet: ${problems.map((p) => p.message).join(" ")}`, fields);
    }
    const previous = await tx.policyVersion.findFirst({ where: { status: "ACTIVE" } });
    if (options.expectedActiveVersion !== undefined && (previous?.version ?? null) !== options.expectedActiveVersion) {
      const now = previous ? `v${previous.version} is active now` : "no version is active now";
      throw new ExpectedError("CONFLICT", `The active policy changed while you reviewed (${now}). Reload to see what signing v${row.version} would change.`);
    }
    const previousDocument = previous ? ZPolicyDocument.safeParse(previous.document) : null;
    const shift = autonomyShift(previousDocument?.success ? previousDocument.data : null, parsed.data, labelOf);
    const key = await getOrCreateSigningKey(tx);
    const digest = policyDigest(parsed.data);
    const signature = signDigest(digest, key.privateKeyPem);
    const now = new Date();
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
      data: {
        change: "signed",
        version: row.version,
        details: { digest, signingKeyId: key.id, supersedes: previous?.version ?? null, becomesAutonomous: shift.becomes, stopsBeingAutonomous: shift.stops },
      },
      summary: `${signer.name} signed policy v${row.version} (digest ${digest.slice(0, 16)}…); it is now active${previous ? ` in place of v${previous.version}` : ""}`,
    });
    return signed;
  });
}
