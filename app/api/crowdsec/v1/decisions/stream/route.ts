import { db } from "@/lib/db/client";
import { crowdsecRoute } from "@/lib/server/enforcement/crowdsec-route";
import { parseDecisionFilter } from "@/lib/server/enforcement/decision-filter";
import { readDecisionStream } from "@/lib/server/enforcement/read-decision-stream";

// CrowdSec bouncers' stream mode: `startup=true` once, then deltas (docs/ENFORCEMENT.md).
export const GET = crowdsecRoute(async (request, bouncer) => {
  const params = new URL(request.url).searchParams;
  const stream = await readDecisionStream(db(), {
    tokenId: bouncer.id,
    startup: params.get("startup")?.toLowerCase() === "true",
    filter: parseDecisionFilter(params, { defaultScopes: "ip,range" }),
  });
  return Response.json({ new: stream.new, deleted: stream.deleted });
});

// A probe: answers without reading or moving the key's cursor (as CrowdSec does).
export const HEAD = crowdsecRoute(async () => new Response(null, { status: 200 }));
