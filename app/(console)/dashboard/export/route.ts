import { db } from "@/lib/db/client";
import { csvLine } from "@/lib/domain/csv";
import { DASHBOARD_TABLES, dashboardTable, type TDashboardTable } from "@/lib/domain/dashboard-tables";
import { DASHBOARD_WEEKS, DEFAULT_DASHBOARD_WEEKS, pickChoice } from "@/lib/domain/report-window";
import { loadDashboard } from "@/lib/server/dashboard/load-dashboard";
import { ExpectedError } from "@/lib/server/errors";
import { jsonRoute } from "@/lib/server/http/json-route";

// GET /dashboard/export?table=…&weeks=… — one dashboard aggregate as CSV, the same rows
// as the page's table alternative, with raw numbers (seconds, ratios) for spreadsheets.
export const GET = jsonRoute("dashboard:view", async (request) => {
  const params = new URL(request.url).searchParams;
  const table = params.get("table") ?? "";
  if (!(DASHBOARD_TABLES as readonly string[]).includes(table)) {
    throw new ExpectedError("BAD_INPUT", `table: pick one of ${DASHBOARD_TABLES.join(", ")}.`, { table: [`One of ${DASHBOARD_TABLES.join(", ")}.`] });
  }
  const weeks = pickChoice(params.get("weeks"), DASHBOARD_WEEKS, DEFAULT_DASHBOARD_WEEKS);
  const now = new Date();
  const { dashboard } = await loadDashboard(db(), { now, weeks });
  const data = dashboardTable(table as TDashboardTable, dashboard, "csv");
  const body = [data.head, ...data.rows].map(csvLine).join("");
  const name = `reflex-dashboard-${table}-${weeks}w-${now.toISOString().slice(0, 10)}.csv`;
  return new Response(body, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
});
