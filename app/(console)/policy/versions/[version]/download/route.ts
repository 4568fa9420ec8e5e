import { db } from "@/lib/db/client";
import { authenticateRequest } from "@/lib/server/auth/authorize";
import { ExpectedError } from "@/lib/server/errors";
import { errorResponse } from "@/lib/server/http/json-route";
import { getPolicyVersion } from "@/lib/server/policy/get-policy-version";

// The policy as a file anyone can check without Reflex: the document exactly as stored
// and signed, its digest and Ed25519 signature, and the public key (docs/POLICY.md shows
// how to verify it with openssl or Node.js).
export async function GET(request: Request, { params }: { params: Promise<{ version: string }> }) {
  try {
    await authenticateRequest(request, "policy:view");
    const { version: raw } = await params;
    const which = raw === "active" ? "active" : Number(raw);
    if (which !== "active" && (!Number.isInteger(which) || which < 1)) throw new ExpectedError("BAD_INPUT", `"${raw}" is not a version number (or "active").`);
    const view = await getPolicyVersion(db(), which);
    if (!view) throw new ExpectedError("NOT_FOUND", `There is no policy ${which === "active" ? "in force" : `v${which}`}.`);
    const key = view.signingKeyId ? await db().signingKey.findUnique({ where: { id: view.signingKeyId }, select: { id: true, algorithm: true, publicKey: true } }) : null;
    const body = {
      format: "reflex-policy/1",
      version: view.version,
      status: view.status.toLowerCase(),
      document: view.rawDocument,
      signature: view.digest
        ? {
            signedBy: view.signedByName,
            signedAt: view.signedAt?.toISOString() ?? null,
            digest: view.digest,
            digestAlgorithm: "SHA-256 of the canonical JSON of `document` (keys sorted, no whitespace), hex",
            algorithm: key?.algorithm ?? "ed25519",
            signature: view.signature,
            signedData: "the digest's hex text, UTF-8",
            keyId: view.signingKeyId,
            publicKey: key?.publicKey ?? null,
          }
        : null,
      supersededAt: view.supersededAt?.toISOString() ?? null,
      revokedAt: view.revokedAt?.toISOString() ?? null,
      revokeReason: view.revokeReason,
    };
    return new Response(`${JSON.stringify(body, null, 2)}\n`, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="reflex-policy-v${view.version}.json"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, "GET policy download");
  }
}
