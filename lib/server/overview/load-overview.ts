import "server-only";
import { db } from "@/lib/db/client";
import { readKillSwitch } from "@/lib/server/pipeline/kill-switch";

export async function loadOverview() {
  const since = new Date(Date.now() - 24 * 3600 * 1000);
  const [activeContainments, openEscalations, alerts24h, protectedAssets, activePolicy, killSwitch] = await Promise.all([
    db().containment.count({ where: { status: "ACTIVE" } }),
    db().escalation.count({ where: { status: "OPEN" } }),
    db().alert.count({ where: { receivedAt: { gte: since } } }),
    db().protectedAsset.count({ where: { deletedAt: null } }),
    db().policyVersion.findFirst({ where: { status: "ACTIVE" }, select: { version: true, signedByName: true } }),
    readKillSwitch(db()),
  ]);
  return { activeContainments, openEscalations, alerts24h, protectedAssets, activePolicy, killSwitch };
}
