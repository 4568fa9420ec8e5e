import type { TDb, TTx } from "@/lib/db/client";
import type { THold, TSelector } from "@/lib/domain/types";

/** Active holds are few (an investigation, a release hold-off): the decision filters them by selector. */
export async function findActiveHolds(client: TDb | TTx, now: Date): Promise<THold[]> {
  const rows = await client.investigationHold.findMany({ where: { liftedAt: null, expiresAt: { gt: now } } });
  return rows.map(holdFromRow);
}

export function holdFromRow(h: { id: string; kind: string; selectorKind: TSelector["kind"]; selectorValue: string; reason: string; placedByName: string; expiresAt: Date }): THold {
  return {
    id: h.id,
    selector: { kind: h.selectorKind, value: h.selectorValue },
    reason: h.kind === "RELEASE_HOLDOFF" ? `Released by ${h.placedByName}: ${h.reason}` : h.reason,
    placedBy: h.placedByName,
    expiresAt: h.expiresAt,
  };
}
