import { z } from "zod";
import { principalCan, type TUserPrincipal } from "@/lib/auth/permissions";
import type { TDb } from "@/lib/db/client";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";
import { confirmSigner } from "./confirm-signer";
import { signPolicyVersion } from "./sign-policy-version";

export const ZSignRequest = z.object({
  versionId: z.string().min(1),
  /** The draft edit the signer reviewed. */
  expectedEditVersion: z.number().int().min(1),
  /** The active version the final summary compared against; null: none was active. */
  expectedActiveVersion: z.number().int().min(1).nullable(),
  /** Empty for people who sign in only through SSO (then a fresh SSO sign-in is needed). */
  password: z.string().max(1000),
});
export type TSignRequest = z.infer<typeof ZSignRequest>;

/**
 * How a person signs: the role first (a non-CISO learns nothing, not even whether a
 * password was right), then the re-authentication, then the one signing implementation.
 */
export async function signWithReauthentication(
  client: TDb,
  options: { request: TSignRequest; user: TUserPrincipal & { authAt: number | null }; actor: TAuditActor; now?: Date },
) {
  const { request, user } = options;
  if (!principalCan(user, "policy:sign")) throw new ExpectedError("FORBIDDEN", `Only a CISO can sign a policy version (your role: ${user.role}).`);
  await confirmSigner(client, { userId: user.id, password: request.password, authAt: user.authAt, now: options.now });
  const signed = await signPolicyVersion(client, {
    versionId: request.versionId,
    signer: { id: user.id, name: user.name },
    actor: options.actor,
    expectedEditVersion: request.expectedEditVersion,
    expectedActiveVersion: request.expectedActiveVersion,
  });
  return { id: signed.id, version: signed.version, digest: signed.digest, signedAt: signed.signedAt };
}
