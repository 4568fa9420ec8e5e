import type { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { SETTINGS, readSetting, writeSetting } from "./settings";

export const ZDetectorSettings = SETTINGS["detector.sshBruteForce"].schema;
export type TDetectorSettings = z.infer<typeof ZDetectorSettings>;

/** Tunes Reflex's own SSH brute-force detector (N failures within T seconds, no success). */
export async function updateDetectorSettings(client: TDb, options: { settings: TDetectorSettings; actor: TAuditActor }) {
  return client.$transaction(async (tx) => {
    const before = await readSetting(tx, "detector.sshBruteForce");
    await writeSetting(tx, "detector.sshBruteForce", options.settings);
    const { threshold, windowSeconds, enabled } = options.settings;
    await appendAudit(tx, {
      type: "SETTINGS_CHANGED",
      actor: options.actor,
      data: { change: "updated", key: "detector.sshBruteForce", details: { before, after: options.settings } },
      summary: enabled
        ? `${options.actor.name} set the SSH brute-force detector to ${threshold} failures within ${windowSeconds} s`
        : `${options.actor.name} switched the SSH brute-force detector off`,
    });
    return options.settings;
  });
}
