"use server";

import { db } from "@/lib/db/client";
import { defineAction } from "@/lib/server/action-client";
import { auditActorOf } from "@/lib/server/auth/audit-actor";
import { updatePlaybook, ZPlaybookUpdate } from "@/lib/server/playbooks/update-playbook";

export const updatePlaybookAction = defineAction(
  { name: "updatePlaybook", permission: "playbook:edit", input: ZPlaybookUpdate },
  async (update, { user, meta }) => updatePlaybook(db(), { update, actor: auditActorOf(user, meta), userId: user.id }),
);
