import { db, poolOf } from "@/lib/db/client";
import { pgRawSql } from "@/lib/db/raw-sql";
import { crowdsecMessage, crowdsecRoute } from "@/lib/server/enforcement/crowdsec-route";
import { findDecisions, parseDecisionQuery } from "@/lib/server/enforcement/find-decisions";
import { recordPull } from "@/lib/server/enforcement/record-pull";

// Live mode: "is this address banned?" per request. No match is the JSON `null`, as
// CrowdSec's LAPI answers (bouncers test for it).
export const GET = crowdsecRoute(async (request, bouncer) => {
  const query = parseDecisionQuery(new URL(request.url).searchParams);
  if (!query.ok) return crowdsecMessage(400, query.error);
  const sql = pgRawSql(poolOf(db()));
  const decisions = await findDecisions(sql, { query: query.value });
  await recordPull(sql, { tokenId: bouncer.id, minGapSecs: 60 });
  return Response.json(decisions.length > 0 ? decisions : null);
});

export const HEAD = crowdsecRoute(async () => new Response(null, { status: 200 }));
