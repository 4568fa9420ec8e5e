import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { canonicalJson, sha256Hex } from "./canonical-json";
import type { TPolicyDocument } from "./types";

// What a signature covers: the SHA-256 digest of the policy document's canonical JSON.
// Anyone with the public key can recompute the digest and check the signature.

export function policyDigest(document: TPolicyDocument): string {
  return sha256Hex(canonicalJson(document));
}

export function signDigest(digest: string, privateKeyPem: string): string {
  return sign(null, Buffer.from(digest, "utf8"), createPrivateKey(privateKeyPem)).toString("base64");
}

export type TSignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyPolicySignature(input: {
  document: TPolicyDocument;
  digest: string;
  signature: string;
  publicKeyPem: string;
}): TSignatureCheck {
  const actual = policyDigest(input.document);
  if (actual !== input.digest) {
    return { ok: false, reason: `digest mismatch: the document hashes to ${actual}, the record says ${input.digest}` };
  }
  const valid = verify(null, Buffer.from(input.digest, "utf8"), createPublicKey(input.publicKeyPem), Buffer.from(input.signature, "base64"));
  return valid ? { ok: true } : { ok: false, reason: "the Ed25519 signature does not match the digest and the server's public key" };
}
