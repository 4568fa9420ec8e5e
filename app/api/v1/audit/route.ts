import { db } from "@/lib/db/client";
import { parseFeedQuery } from "@/lib/server/audit-feed/feed-query";
import { listAuditEvents } from "@/lib/server/audit-feed/list-audit-events";
import { markReleasable } from "@/lib/server/audit-feed/mark-releasable";
import { jsonRoute } from "@/lib/server/http/json-route";
import { lookupEntity } from "@/lib/server/lookup/lookup-entity";

// The audit feed and the bridge-call lookup as an API (docs/BRIDGE-CALL.md). With
// `entity`, the first page also answers the lookup (containments and signals), unless
// `sections=events` asks for the trail only (what the console's live feed polls).
export const GET = jsonRoute("audit:view", async (request, { principal }) => {
  const now = new Date();
  const params = new URL(request.url).searchParams;
  const query = parseFeedQuery(params, now);
  const listed = await listAuditEvents(db(), query, now);
  // The console's feed offers the Release button on "contained" entries, to who may press it.
  const page = principal.kind === "user" ? { ...listed, events: await markReleasable(db(), principal, listed.events) } : listed;
  if (!query.entity || query.cursor !== null || params.get("sections") === "events") return Response.json(page);
  const { from, to } = query as { from: Date; to: Date };
  const lookup = await lookupEntity(db(), { targets: query.entity.targets, from, to, now });
  return Response.json({
    lookup: { entity: query.entity.text, readAs: query.entity.targets.map((t) => ({ kind: t.kind, value: t.value })), from: from.toISOString(), to: to.toISOString(), ...lookup.answer },
    containments: lookup.containments,
    signals: lookup.signals,
    ...page,
  });
});
