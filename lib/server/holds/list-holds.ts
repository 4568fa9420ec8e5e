import "server-only";
import type { TDb } from "@/lib/db/client";
import type { HoldKind } from "@/lib/generated/prisma";

export type THoldItem = {
  id: string;
  kind: HoldKind;
  selector: { kind: string; value: string };
  reason: string;
  placedByName: string;
  createdAt: Date;
  expiresAt: Date;
  liftedAt: Date | null;
  liftedByName: string | null;
  liftReason: string | null;
};

/** Active holds (soonest to end first) and the ones that ended in the last week. */
export async function listHolds(client: TDb, now: Date): Promise<{ active: THoldItem[]; ended: THoldItem[] }> {
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const [active, ended] = await Promise.all([
    client.investigationHold.findMany({ where: { liftedAt: null, expiresAt: { gt: now } }, orderBy: { expiresAt: "asc" }, take: 500 }),
    client.investigationHold.findMany({
      where: { OR: [{ liftedAt: { gte: weekAgo } }, { liftedAt: null, expiresAt: { gte: weekAgo, lte: now } }] },
      orderBy: { expiresAt: "desc" },
      take: 100,
    }),
  ]);
  const item = (h: (typeof active)[number]): THoldItem => ({
    id: h.id,
    kind: h.kind,
    selector: { kind: h.selectorKind, value: h.selectorValue },
    reason: h.reason,
    placedByName: h.placedByName,
    createdAt: h.createdAt,
    expiresAt: h.expiresAt,
    liftedAt: h.liftedAt,
    liftedByName: h.liftedByName,
    liftReason: h.liftReason,
  });
  return { active: active.map(item), ended: ended.map(item) };
}
