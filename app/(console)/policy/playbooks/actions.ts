"use server";

import { db } from "@/lib/db/client";
import { defineAction } from "@/lib/server/action-client";
import { auditActorOf } from "@/lib/server/auth/audit-actor";
import { updatePlaybook, ZPlaybookUpdate } from "@/lib/server/playbooks/update-playbook";
import { updateDetectorSettings, ZDetectorSettings } from "@/lib/server/settings/update-detector-settings";

export const updatePlaybookAction = defineAction(
  { name: "updatePlaybook", permission: "playbook:edit", input: ZPlaybookUpdate },
  async (update, { user, meta }) => updatePlaybook(db(), { update, actor: auditActorOf(user, meta), userId: user.id }),
);

export const updateDetectorAction = defineAction(
  { name: "updateDetector", permission: "playbook:edit", input: ZDetectorSettings },
  async (settings, { user, meta }) => updateDetectorSettings(db(), { settings, actor: auditActorOf(user, meta) }),
);
