"use server";

import { db } from "@/lib/db/client";
import { defineAction } from "@/lib/server/action-client";
import { auditActorOf } from "@/lib/server/auth/audit-actor";
import { promoteShadowCell, ZPromoteShadowCell } from "@/lib/server/rehearsal/promote-shadow-cell";

// A public endpoint: session, policy:promote and zod input here; the service checks the
// role again against the user row (through createPolicyDraft).
export const promoteShadowCellAction = defineAction(
  { name: "promoteShadowCell", permission: "policy:promote", input: ZPromoteShadowCell },
  async (input, { user, meta }) => {
    const draft = await promoteShadowCell(db(), { input, userId: user.id, actor: auditActorOf(user, meta), now: new Date() });
    return { version: draft.version };
  },
);
