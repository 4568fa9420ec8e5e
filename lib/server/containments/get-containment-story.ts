import type { TDb } from "@/lib/db/client";
import { ExpectedError } from "@/lib/server/errors";
import { CONTAINMENT_SELECT } from "./list-containments";

/** A containment with its whole audit story, from the alert that started it to its end. */
export async function getContainmentStory(client: TDb, id: string) {
  const containment = await client.containment.findUnique({ where: { id }, select: { ...CONTAINMENT_SELECT, decisionId: true, decision: { select: { alertId: true } } } });
  if (!containment) throw new ExpectedError("NOT_FOUND", "No containment with that id.");
  const alertId = containment.decision?.alertId ?? null;
  const events = await client.auditEvent.findMany({
    where: { OR: [{ containmentId: id }, ...(containment.decisionId ? [{ decisionId: containment.decisionId }] : []), ...(alertId ? [{ alertId }] : [])] },
    orderBy: { id: "asc" },
    select: { id: true, type: true, occurredAt: true, actorName: true, actorKind: true, summary: true, data: true, hash: true, prevHash: true },
  });
  const { decision: _decision, ...rest } = containment;
  return { containment: { ...rest, alertId }, story: events.map((e) => ({ ...e, id: e.id.toString() })) };
}
