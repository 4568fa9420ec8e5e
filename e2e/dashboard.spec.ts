import { expect, test } from "@playwright/test";
import { authFile, query } from "./fixtures";

// The SOC's review pages on the demo history (forty alerts over the last month): the
// accountability dashboard with a table behind every chart and a CSV of each, and the
// shadow-mode rehearsal of the playbook whose cell the demo policy runs in shadow.

test.describe("the SOC reviews the last weeks", () => {
  test.use({ storageState: authFile("SOC") });

  test("opens the dashboard, reads a chart as a table, downloads its CSV and narrows the window", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Accountability dashboard" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Window" }).getByRole("link", { name: "8 weeks" })).toHaveAttribute("aria-current", "page");

    const verdicts = page.getByRole("table", { name: "How alerts were handled" });
    await expect(verdicts).toBeHidden();
    await page.getByText("Show as a table: How alerts were handled").click();
    await expect(verdicts).toBeVisible();
    await expect(verdicts.getByRole("row", { name: /^executed \d+ [\d.]+%$/ })).toBeVisible();
    await expect(page.getByRole("img", { name: /decisions per week by verdict/ })).toBeVisible();

    await expect(page.getByRole("heading", { level: 2, name: "Reviewed inaction" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: "Rejected escalations" })).toBeVisible();

    const csv = await page.request.get(await page.getByRole("link", { name: "CSV of Per week" }).getAttribute("href") ?? "");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^Week of,executed,escalated,suppressed,forbidden,shadow \(rehearsal\),Containments/);
    expect(lines).toHaveLength(1 + 8);

    await page.getByRole("navigation", { name: "Window" }).getByRole("link", { name: "4 weeks" }).click();
    await expect(page).toHaveURL(/\/dashboard\?weeks=4$/);
    await page.getByText("Show as a table: Per week").click();
    await expect(page.getByRole("table", { name: "Per week" }).getByRole("row")).toHaveCount(1 + 4);
  });

  test("opens the rehearsal of the compromised-account playbook from the playbooks page", async ({ page }) => {
    await page.goto("/policy/playbooks");
    await page.locator('a[href="/policy/playbooks/compromised-account/rehearsal"]').click();
    await expect(page.getByRole("heading", { level: 1, name: "Rehearsal: Compromised account" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "How this is counted" })).toBeVisible();
    const cells = page.getByRole("table", { name: "Rehearsal per policy cell" });
    await expect(cells.getByRole("row", { name: /Revoke sessions on human accounts/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "Shadow decisions" }).getByRole("row").nth(1)).toBeVisible();
  });

  test("promotes the rehearsed cell: a policy draft a CISO still has to sign, audited with the evidence", async ({ page }) => {
    const [active] = await query<{ version: number; mode: string | null }>(
      `SELECT version, (SELECT r->>'mode' FROM jsonb_array_elements(document->'rules') r WHERE r->>'action' = 'revoke_sessions' AND r->>'assetClass' = 'human-account') AS mode FROM "PolicyVersion" WHERE status = 'ACTIVE'`,
    );
    // policy.spec.ts signs this cell autonomous; after it there is nothing left to promote.
    test.skip(active?.mode !== "shadow", "the active policy no longer rehearses Revoke sessions on human accounts");

    await page.goto("/policy/playbooks/compromised-account/rehearsal");
    await page.getByRole("button", { name: "Promote Revoke sessions on human accounts to autonomous" }).click();
    const dialog = page.getByRole("dialog", { name: "Promote Revoke sessions on human accounts to autonomous?" });
    await expect(dialog).toContainText("Nothing runs on its own until a CISO signs the draft.");
    await dialog.getByRole("button", { name: "Create the draft" }).click();

    await expect(page).toHaveURL(/\/policy\/versions\/\d+$/);
    const version = Number(new URL(page.url()).pathname.split("/").pop());
    const [draft] = await query<{ status: string; mode: string }>(
      `SELECT status, (SELECT r->>'mode' FROM jsonb_array_elements(document->'rules') r WHERE r->>'action' = 'revoke_sessions' AND r->>'assetClass' = 'human-account') AS mode FROM "PolicyVersion" WHERE version = $1`,
      [version],
    );
    expect(draft).toEqual({ status: "DRAFT", mode: "autonomous" });
    const [event] = await query<{ actorName: string; data: { details: { basedOn: number; promotion: { playbookKey: string; wouldHaveActed: number } } } }>(
      `SELECT "actorName", data FROM "AuditEvent" WHERE type = 'POLICY_CHANGED' AND "policyVersion" = $1`,
      [version],
    );
    expect(event).toMatchObject({ actorName: "Sam Okafor", data: { details: { basedOn: active!.version, promotion: { playbookKey: "compromised-account", wouldHaveActed: expect.any(Number) } } } });
    expect(event!.data.details.promotion.wouldHaveActed).toBeGreaterThan(0);
    const [stillActive] = await query<{ version: number }>(`SELECT version FROM "PolicyVersion" WHERE status = 'ACTIVE'`);
    expect(stillActive!.version).toBe(active!.version);
  });
});

test.describe("people outside the SOC", () => {
  test.use({ storageState: authFile("VIEWER") });

  test("a viewer has no dashboard", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" })).toHaveCount(0);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/forbidden\?need=dashboard%3Aview/);
  });
});
