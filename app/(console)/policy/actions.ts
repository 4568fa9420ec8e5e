"use server";

import { db } from "@/lib/db/client";
import { defineAction } from "@/lib/server/action-client";
import { auditActorOf } from "@/lib/server/auth/audit-actor";
import { setKillSwitch, ZKillSwitchChange } from "@/lib/server/pipeline/set-kill-switch";

export const setKillSwitchAction = defineAction(
  { name: "setKillSwitch", permission: "killswitch:toggle", input: ZKillSwitchChange },
  async (change, { user, meta }) => setKillSwitch(db(), { change, actor: auditActorOf(user, meta) }),
);
