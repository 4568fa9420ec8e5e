import "server-only";
import { db } from "@/lib/db/client";
import { countOpenEscalations } from "@/lib/server/escalations/list-escalations";
import { readKillSwitch } from "@/lib/server/pipeline/kill-switch";

export async function loadOverview() {
  const since = new Date(Date.now() - 24 * 3600 * 1000);
  const [activeContainments, escalations, alerts24h, protectedAssets, activePolicy, killSwitch] = await Promise.all([
    db().containment.count({ where: { status: "ACTIVE" } }),
    countOpenEscalations(db(), { scope: { kind: "all" }, now: new Date() }),
    db().alert.count({ where: { receivedAt: { gte: since } } }),
    db().protectedAsset.count({ where: { deletedAt: null } }),
    db().policyVersion.findFirst({ where: { status: "ACTIVE" }, select: { version: true, signedByName: true } }),
    readKillSwitch(db()),
  ]);
  const activeHolds = await db().investigationHold.count({ where: { kind: "INVESTIGATION", liftedAt: null, expiresAt: { gt: new Date() } } });
  return { activeContainments, openEscalations: escalations.open, overdueEscalations: escalations.overdue, activeHolds, alerts24h, protectedAssets, activePolicy, killSwitch };
}
