import type { TDb } from "@/lib/db/client";
import { verifyPolicySignature } from "@/lib/domain/policy-signature";
import type { TPolicyDocument } from "@/lib/domain/types";
import { ExpectedError } from "@/lib/server/errors";

export type TPolicyVerification = {
  version: number;
  status: string;
  signedByName: string | null;
  signedAt: Date | null;
  digest: string;
  signingKeyId: string;
} & ({ ok: true } | { ok: false; reason: string });

/**
 * Re-checks a signed version as anyone holding the public key could: recompute the
 * SHA-256 of the stored document's canonical JSON, compare it with the recorded digest,
 * and verify the Ed25519 signature over that digest with the key that made it.
 * `which`: a version number, or "active".
 */
export async function verifyPolicyVersion(client: TDb, which: number | "active"): Promise<TPolicyVerification> {
  const row = which === "active" ? await client.policyVersion.findFirst({ where: { status: "ACTIVE" } }) : await client.policyVersion.findUnique({ where: { version: which } });
  if (!row) throw new ExpectedError("NOT_FOUND", which === "active" ? "No policy version is active: nothing to verify." : `There is no policy v${which}.`);
  if (!row.digest || !row.signature || !row.signingKeyId) {
    throw new ExpectedError("BAD_INPUT", `Policy v${row.version} is ${row.status.toLowerCase()} and was never signed: there is no signature to verify.`);
  }
  const base = { version: row.version, status: row.status, signedByName: row.signedByName, signedAt: row.signedAt, digest: row.digest, signingKeyId: row.signingKeyId };
  const key = await client.signingKey.findUnique({ where: { id: row.signingKeyId } });
  if (!key) return { ...base, ok: false, reason: `the signing key ${row.signingKeyId} that signed it is not in the database` };
  let check;
  try {
    // The stored document is verified as stored: no schema parsing that could drop or fix a field first.
    check = verifyPolicySignature({ document: row.document as unknown as TPolicyDocument, digest: row.digest, signature: row.signature, publicKeyPem: key.publicKey });
  } catch (error) {
    return { ...base, ok: false, reason: `the stored document or key cannot be checked: ${(error as Error).message}` };
  }
  return check.ok ? { ...base, ok: true } : { ...base, ok: false, reason: check.reason };
}
