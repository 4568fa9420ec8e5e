"use server";

import { z } from "zod";
import { db } from "@/lib/db/client";
import { bossJobSender } from "@/lib/jobs/boss";
import { defineAction } from "@/lib/server/action-client";
import { auditActorOf } from "@/lib/server/auth/audit-actor";
import type { TCurrentUser } from "@/lib/server/auth/current-user";
import { ExpectedError } from "@/lib/server/errors";
import { createApprovalLink } from "@/lib/server/escalations/approval-links";
import { approveEscalation, ZApproveEscalation } from "@/lib/server/escalations/approve-escalation";
import { assignEscalation, ZAssignEscalation } from "@/lib/server/escalations/assign-escalation";
import type { TResponder } from "@/lib/server/escalations/escalation-access";
import { rejectEscalation, ZRejectEscalation } from "@/lib/server/escalations/reject-escalation";

// Owners hold escalation:decide for escalations addressed to them only; the services
// check that against the escalation's named approvers (escalation-access.ts).
const responderOf = (user: TCurrentUser): TResponder => ({ kind: "user", role: user.role, email: user.email, name: user.name });

export const approveEscalationAction = defineAction(
  { name: "approveEscalation", permission: "escalation:decide", input: ZApproveEscalation },
  async (input, { user, meta }) => approveEscalation(db(), { input, responder: responderOf(user), actor: auditActorOf(user, meta), jobs: bossJobSender }),
);

export const rejectEscalationAction = defineAction(
  { name: "rejectEscalation", permission: "escalation:decide", input: ZRejectEscalation },
  async (input, { user, meta }) => rejectEscalation(db(), { input, responder: responderOf(user), actor: auditActorOf(user, meta) }),
);

export const assignEscalationAction = defineAction(
  { name: "assignEscalation", permission: "escalation:decide", input: ZAssignEscalation },
  async ({ escalationId }, { user }) => {
    if (user.role === "OWNER") throw new ExpectedError("FORBIDDEN", "Owners answer the requests addressed to them; the SOC works the queue.");
    return assignEscalation(db(), { escalationId, user });
  },
);

export const createApprovalLinkAction = defineAction(
  { name: "createApprovalLink", permission: "escalation:decide", input: z.object({ escalationId: z.uuid("Unknown escalation."), addressee: z.string().trim().min(1, "Choose the approver.").max(200) }) },
  async ({ escalationId, addressee }, { user, meta }) => {
    if (user.role === "OWNER") throw new ExpectedError("FORBIDDEN", "The SOC sends approval links; answer the requests addressed to you here.");
    const link = await createApprovalLink(db(), { escalationId, addressee, actor: auditActorOf(user, meta) });
    return { url: link.url, addressee: link.addressee, expiresAt: link.expiresAt.toISOString() };
  },
);
