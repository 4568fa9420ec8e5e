"use server";

import { z } from "zod";
import { db } from "@/lib/db/client";
import { bossJobSender } from "@/lib/jobs/boss";
import { defineAction } from "@/lib/server/action-client";
import { auditActorOf } from "@/lib/server/auth/audit-actor";
import { releaseContainment, ZReleaseRequest } from "@/lib/server/containments/release-containment";

export const releaseContainmentAction = defineAction(
  { name: "releaseContainment", permission: "containment:release", input: ZReleaseRequest.extend({ containmentId: z.uuid("Unknown containment.") }) },
  async ({ containmentId, ...request }, { user, meta }) =>
    releaseContainment(db(), {
      containmentId,
      request,
      actor: auditActorOf(user, meta),
      ownerScopeUserId: user.role === "OWNER" ? user.id : null,
      jobs: bossJobSender,
    }),
);
