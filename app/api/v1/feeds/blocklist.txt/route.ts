import { db, poolOf } from "@/lib/db/client";
import { pgRawSql } from "@/lib/db/raw-sql";
import { jsonRoute } from "@/lib/server/http/json-route";
import { etagMatches, readBlocklist } from "@/lib/server/enforcement/read-blocklist";
import { recordPull } from "@/lib/server/enforcement/record-pull";

// Firewalls poll this URL; most can only send a URL, hence `?token=` (docs/ENFORCEMENT.md).
export const GET = jsonRoute("feed:read", async (request, { principal }) => {
  const feed = await readBlocklist(db());
  if (principal.kind === "token") await recordPull(pgRawSql(poolOf(db())), { tokenId: principal.id });
  const headers = { ETag: feed.etag, "Cache-Control": "no-cache" };
  if (etagMatches(request.headers.get("if-none-match"), feed.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(feed.body, {
    headers: { ...headers, "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" },
  });
});
