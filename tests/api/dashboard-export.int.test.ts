import { describe, expect, it, vi } from "vitest";
import { GET } from "@/app/(console)/dashboard/export/route";
import { parseCsv } from "@/lib/domain/csv";
import { call, callError, createToken, useDemoOrganisation } from "./route-helpers";
import { signInAs, signOut } from "./session-mock";

vi.mock("@/lib/server/auth/current-user", () => import("./session-mock"));

useDemoOrganisation();

function csvRows(text: string): string[][] {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.records.map((r) => r.cells);
}

describe("GET /dashboard/export", () => {
  it("gives SOC each aggregate as CSV, with the page table's header", async () => {
    await signInAs("SOC");
    const response = await call(GET, "/dashboard/export?table=verdicts&weeks=8");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="reflex-dashboard-verdicts-8w-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = csvRows(await response.text());
    expect(rows[0]).toEqual(["Verdict", "Decisions", "Share"]);
    // The demo history: forty alerts over the last 29 days, each decided once.
    expect(rows.slice(1).reduce((sum, r) => sum + Number(r[1]), 0)).toBe(40);
    const weekly = csvRows(await (await call(GET, "/dashboard/export?table=weekly&weeks=4")).text());
    expect(weekly).toHaveLength(1 + 4);
  });

  it("names the tables it knows when asked for another", async () => {
    await signInAs("CISO");
    const error = await callError(GET, "/dashboard/export?table=salaries", { status: 400 });
    expect(error.fields?.table?.[0]).toMatch(/^One of timing, verdicts, weekly/);
  });

  it("refuses viewers, owners, tokens and anonymous callers", async () => {
    await signInAs("VIEWER");
    expect((await call(GET, "/dashboard/export?table=verdicts")).status).toBe(403);
    await signInAs("OWNER");
    expect((await call(GET, "/dashboard/export?table=verdicts")).status).toBe(403);
    signOut();
    const { token } = await createToken("admin");
    expect((await call(GET, "/dashboard/export?table=verdicts", { token })).status).toBe(403);
    expect((await call(GET, "/dashboard/export?table=verdicts")).status).toBe(401);
  });
});
