import { principalCan, ROLE_LABELS, type TPermission, type TUserPrincipal } from "@/lib/auth/permissions";
import type { TDb, TTx } from "@/lib/db/client";
import { ExpectedError } from "@/lib/server/errors";

// The services' own permission check. Server actions already check the session's role
// (lib/server/action-client.ts); the services check again against the user row, so that
// nothing that calls them (the CLI, the seed, a future route) can sign, activate or revoke
// on behalf of someone who may not.

const WHAT: Partial<Record<TPermission, string>> = {
  "policy:edit": "write policy drafts or run backtests",
  "policy:promote": "propose promoting a rehearsed cell to autonomous",
  "policy:sign": "sign, activate or revoke a policy version",
  "campaign:manage": "edit the asset-class list",
};

export async function requirePolicyPermission(client: TDb | TTx, userId: string, permission: TPermission): Promise<TUserPrincipal> {
  const user = await client.user.findUnique({ where: { id: userId } });
  if (!user || user.disabled) throw new ExpectedError("FORBIDDEN", "Only an enabled user of Reflex may change the policy.");
  const principal: TUserPrincipal = { kind: "user", id: user.id, email: user.email, name: user.name, role: user.role };
  if (!principalCan(principal, permission)) {
    throw new ExpectedError("FORBIDDEN", `A ${ROLE_LABELS[user.role]} may not ${WHAT[permission] ?? permission}: ${permission === "policy:sign" ? "only a CISO can" : `it needs ${permission}`}.`);
  }
  return principal;
}

// One advisory lock for every change of a version's lifecycle (new draft number, sign,
// revoke): two CISOs signing at once then take turns, and the second one sees the first
// one's version as the active policy instead of colliding on "one active version".
const POLICY_LOCK_KEY = 7_301_944_101n;

export async function lockPolicyVersions(tx: TTx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${POLICY_LOCK_KEY})`;
}
