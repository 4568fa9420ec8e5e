"use server";

import { db } from "@/lib/db/client";
import { defineAction } from "@/lib/server/action-client";
import { auditActorOf } from "@/lib/server/auth/audit-actor";
import { liftHold, ZLiftHold } from "@/lib/server/holds/lift-hold";
import { placeHold, ZPlaceHold } from "@/lib/server/holds/place-hold";

export const placeHoldAction = defineAction({ name: "placeHold", permission: "hold:manage", input: ZPlaceHold }, async (input, { user, meta }) => {
  const hold = await placeHold(db(), { input, actor: auditActorOf(user, meta) });
  return { holdId: hold.holdId, expiresAt: hold.expiresAt.toISOString() };
});

export const liftHoldAction = defineAction({ name: "liftHold", permission: "hold:manage", input: ZLiftHold }, async (input, { user, meta }) =>
  liftHold(db(), { input, actor: auditActorOf(user, meta) }),
);
