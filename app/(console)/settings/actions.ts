"use server";

import { db } from "@/lib/db/client";
import { defineAction } from "@/lib/server/action-client";
import { auditActorOf } from "@/lib/server/auth/audit-actor";
import { revokeApiToken, ZRevokeToken } from "@/lib/server/tokens/revoke-api-token";

// A public endpoint: defineAction re-loads the user and checks the permission (CISO only).
export const revokeTokenAction = defineAction(
  { name: "revokeApiToken", permission: "settings:manage", input: ZRevokeToken },
  async (input, { user, meta }) => revokeApiToken(db(), { input, actor: auditActorOf(user, meta) }),
);
