import { db } from "@/lib/db/client";
import { jsonRoute } from "@/lib/server/http/json-route";
import { exportRegistrationsCsv } from "@/lib/server/protected/export-registrations";
import { registrationScopeOf } from "@/lib/server/protected/registration-scope";

// GET /assets/export — the protected list (an OWNER's: their own) in the CSV import format.
export const GET = jsonRoute("assets:view", async (_request, { principal }) => {
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(exportRegistrationsCsv(db(), { scope: registrationScopeOf(principal) }), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="reflex-protected-assets-${stamp}.csv"`, "cache-control": "no-store" },
  });
});
