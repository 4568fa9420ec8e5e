import "server-only";
import type { TDb } from "@/lib/db/client";
import { enforcementPointStatus, summariseEnforcement, type TEnforcementChangeInput, type TEnforcementSummary, type TPointStatus } from "@/lib/domain/enforcement-status";

// Per containment: its latest enforcement change (the block, or its release or expiry)
// and, for each enforcement point (feed and bouncer tokens, and admin tokens that pull),
// whether that point has pulled it yet. Only perimeter containments have changes; the
// others are enforced by outbound connectors and get no entry.

export type TEnforcementStatus = {
  change: { kind: "ADDED" | "REMOVED"; at: string; label: string };
  points: TPointStatus[];
  summary: TEnforcementSummary;
};

export async function loadEnforcementStatus(client: TDb, containments: readonly { id: string; status: string }[], now: Date = new Date()): Promise<Map<string, TEnforcementStatus>> {
  const out = new Map<string, TEnforcementStatus>();
  if (containments.length === 0) return out;
  const [changes, points] = await Promise.all([
    client.enforcementChange.findMany({ where: { containmentId: { in: containments.map((c) => c.id) } }, orderBy: { id: "desc" } }),
    client.enforcementPoint.findMany({
      where: { token: { revokedAt: null } },
      select: { lastPullAt: true, intervalSecs: true, cursor: true, token: { select: { name: true, scope: true } } },
      orderBy: { token: { name: "asc" } },
    }),
  ]);
  for (const c of containments) {
    const latest = changes.find((ch) => ch.containmentId === c.id);
    if (!latest) continue;
    const label = latest.kind === "ADDED" ? "the block" : c.status === "EXPIRED" ? "expiry" : "release";
    const change: TEnforcementChangeInput = { kind: latest.kind, at: latest.createdAt, txid: latest.txid, label };
    const statuses = points.map((p) =>
      enforcementPointStatus({ name: p.token.name, scope: p.token.scope, lastPullAt: p.lastPullAt, intervalSecs: p.intervalSecs, cursor: p.cursor }, change, now),
    );
    out.set(c.id, { change: { kind: latest.kind, at: latest.createdAt.toISOString(), label }, points: statuses, summary: summariseEnforcement(statuses, change) });
  }
  return out;
}
