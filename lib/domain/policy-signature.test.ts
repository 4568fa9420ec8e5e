import { createHash, generateKeyPairSync } from "node:crypto";
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

describe("canonical JSON of a policy", () => {
  it("survives the jsonb round trip (PostgreSQL reorders keys): the signature still verifies", () => {
    const keys = pem();
    const document = demoPolicyDocument();
    const digest = policyDigest(document);
    const signature = signDigest(digest, keys.privateKeyPem);
    // jsonb stores object keys shortest-first; JSON.parse of what it gives back is what Reflex verifies.
    const shuffled = JSON.parse(JSON.stringify(document, (_k, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.length - b.length)) : v)));
    expect(verifyPolicySignature({ document: shuffled, digest, signature, publicKeyPem: keys.publicKeyPem })).toEqual({ ok: true });
  });

  it("hashes a known document to a known digest (sorted keys, no whitespace)", () => {
    const document = { rules: [], defaultRule: { mode: "escalate", minConfidence: 0.9, maxBlastRadius: 1, ttlSeconds: 3600, requireContext: true, allowIrreversible: false }, failMode: "escalate", escalationSlaMinutes: 30, rationale: "x" } as const;
    const text = '{"defaultRule":{"allowIrreversible":false,"maxBlastRadius":1,"minConfidence":0.9,"mode":"escalate","requireContext":true,"ttlSeconds":3600},"escalationSlaMinutes":30,"failMode":"escalate","rationale":"x","rules":[]}';
    expect(policyDigest({ ...document, rules: [] })).toBe(createHash("sha256").update(text).digest("hex"));
  });

  it("catches a tampered signature and a digest that was edited with the document", () => {
    const keys = pem();
    const document = demoPolicyDocument();
    const digest = policyDigest(document);
    const signature = signDigest(digest, keys.privateKeyPem);
    const flipped = Buffer.from(signature, "base64");
    flipped[0] = flipped[0]! ^ 0xff;
    expect(verifyPolicySignature({ document, digest, signature: flipped.toString("base64"), publicKeyPem: keys.publicKeyPem }).ok).toBe(false);
    const edited = demoPolicyDocument();
    edited.failMode = "execute";
    // Someone rewrote the document AND its digest, but could not re-sign without the private key.
    expect(verifyPolicySignature({ document: edited, digest: policyDigest(edited), signature, publicKeyPem: keys.publicKeyPem })).toMatchObject({ ok: false, reason: expect.stringContaining("signature does not match") });
  });
});
