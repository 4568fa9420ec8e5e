import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { demoPolicyDocument } from "./policy-defaults";
import { policyDigest, signDigest, verifyPolicySignature } from "./policy-signature";

const pem = () => {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return {
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
};

describe("policy signatures", () => {
  const keys = pem();
  const document = demoPolicyDocument();
  const digest = policyDigest(document);
  const signature = signDigest(digest, keys.privateKeyPem);

  it("verifies an untouched signed document", () => {
    expect(verifyPolicySignature({ document, digest, signature, publicKeyPem: keys.publicKeyPem })).toEqual({ ok: true });
  });

  it("does not depend on key order", () => {
    const reordered = Object.fromEntries(Object.entries(document).reverse()) as typeof document;
    expect(policyDigest(reordered)).toBe(digest);
  });

  it("catches an edited cell", () => {
    const edited = demoPolicyDocument();
    edited.rules[0]!.minConfidence = 0.01;
    const check = verifyPolicySignature({ document: edited, digest, signature, publicKeyPem: keys.publicKeyPem });
    expect(check).toMatchObject({ ok: false, reason: expect.stringContaining("digest mismatch") });
  });

  it("catches a signature from another key", () => {
    const other = pem();
    const check = verifyPolicySignature({ document, digest, signature: signDigest(digest, other.privateKeyPem), publicKeyPem: keys.publicKeyPem });
    expect(check).toMatchObject({ ok: false, reason: expect.stringContaining("signature does not match") });
  });
});
