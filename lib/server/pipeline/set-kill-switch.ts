import "server-only";
import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { writeSetting } from "@/lib/server/settings/settings";
import { readKillSwitch } from "./kill-switch";

export const ZKillSwitchChange = z.object({
  engaged: z.boolean({ message: "Say whether to engage (true) or disengage (false) the kill switch." }),
  reason: z.string().trim().min(3, "Give a reason (at least 3 characters): it goes in the audit log.").max(500),
});
export type TKillSwitchChange = z.infer<typeof ZKillSwitchChange>;

/** Engages or disengages the kill switch; while engaged, every decision escalates. */
export async function setKillSwitch(client: TDb, options: { change: TKillSwitchChange; actor: TAuditActor }) {
  const { change, actor } = options;
  return client.$transaction(async (tx) => {
    const before = await readKillSwitch(tx);
    const state = { engaged: change.engaged, reason: change.reason, by: actor.name, at: new Date().toISOString() };
    await writeSetting(tx, "killSwitch", state);
    await appendAudit(tx, {
      type: "KILL_SWITCH_CHANGED",
      actor,
      data: { engaged: change.engaged, reason: change.reason },
      summary: change.engaged
        ? `${actor.name} engaged the kill switch: "${change.reason}". Autonomous execution is paused.`
        : `${actor.name} disengaged the kill switch${before.engaged ? "" : " (it was already off)"}: "${change.reason}".`,
    });
    return state;
  });
}
