import "server-only";
import type { TUserPrincipal } from "@/lib/auth/permissions";
import type { TDb } from "@/lib/db/client";
import { canRelease } from "@/lib/server/containments/containments-for-page";
import type { TAuditFeedEntry } from "./feed-entry";

/**
 * Puts the release valve on the feed: a "contained" entry whose containment is still in
 * force gets `releasable` when this person may release it (the same check as the
 * containments page; the release service checks again).
 */
export async function markReleasable(client: TDb, user: TUserPrincipal, events: TAuditFeedEntry[]): Promise<TAuditFeedEntry[]> {
  const ids = [...new Set(events.flatMap((e) => (e.type === "CONTAINMENT_EXECUTED" && e.subject.containmentId ? [e.subject.containmentId] : [])))];
  if (ids.length === 0) return events;
  const live = await client.containment.findMany({ where: { id: { in: ids }, status: { in: ["ACTIVE", "PENDING"] } }, select: { id: true, status: true, targetKind: true, targetValue: true } });
  const releasable = new Set<string>();
  for (const c of live) if (await canRelease(user, c)) releasable.add(c.id);
  return events.map((e) => (e.type === "CONTAINMENT_EXECUTED" && e.subject.containmentId && releasable.has(e.subject.containmentId) ? { ...e, releasable: true } : e));
}
