import { db } from "@/lib/db/client";
import { feedQueryString, parseFeedQuery } from "@/lib/server/audit-feed/feed-query";
import { ExpectedError } from "@/lib/server/errors";
import { jsonRoute } from "@/lib/server/http/json-route";
import { EXPORT_FORMATS, exportLookup, type TExportFormat } from "@/lib/server/lookup/export-lookup";

const TYPES: Record<TExportFormat, string> = { csv: "text/csv; charset=utf-8", jsonl: "application/x-ndjson; charset=utf-8" };

// GET /lookup/export?entity=…&from=…&to=…&format=csv|jsonl — the lookup page's export.
export const GET = jsonRoute("audit:export", async (request) => {
  const params = new URL(request.url).searchParams;
  const format = params.get("format") ?? "csv";
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new ExpectedError("BAD_INPUT", `format is ${EXPORT_FORMATS.join(" or ")}`);
  const query = parseFeedQuery(new URLSearchParams(feedQueryString(Object.fromEntries(params), ["entity", "kind", "from", "to"])));
  if (!query.entity || !query.from || !query.to) throw new ExpectedError("BAD_INPUT", "entity: say what to look up (an IP, CIDR, host, account or application).");
  const stamp = query.to.toISOString().slice(0, 16).replace(/[:T]/g, "");
  const name = `reflex-lookup-${query.entity.text.replace(/[^\w.-]+/g, "_")}-${stamp}.${format}`;
  const body = exportLookup(db(), { format: format as TExportFormat, query: { ...query, entity: query.entity, from: query.from, to: query.to } });
  return new Response(body, {
    headers: { "content-type": TYPES[format as TExportFormat], "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
});
