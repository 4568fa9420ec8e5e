import { expect, test, type Page } from "@playwright/test";
import { authFile, demoCredentials, query } from "./fixtures";

// The CISO's journey: a draft from the active policy, two cells changed, the diff in plain
// words, a backtest on the seeded 30 days of history, the signature with password
// re-entry, and the new version in force. SOC and business owners cannot sign: the UI
// does not offer it and the server refuses the very request the CISO's browser sends.

type TVersionRow = { version: number; status: string; editVersion: number; signedByName: string | null; digest: string | null };

const versionRow = async (version: number) =>
  (await query<TVersionRow>(`SELECT version, status, "editVersion", "signedByName", digest FROM "PolicyVersion" WHERE version = $1`, [version]))[0];

async function activeVersion(): Promise<number> {
  const rows = await query<{ version: number }>(`SELECT version FROM "PolicyVersion" WHERE status = 'ACTIVE'`);
  expect(rows, "exactly one active policy version").toHaveLength(1);
  return rows[0]!.version;
}

async function newDraftFromActive(page: Page): Promise<number> {
  await page.goto("/policy");
  await page.getByRole("button", { name: "New draft from the active policy" }).click();
  await expect(page).toHaveURL(/\/policy\/versions\/\d+$/);
  const version = Number(new URL(page.url()).pathname.split("/").pop());
  await expect(page.getByRole("heading", { level: 1, name: `Policy v${version}` })).toBeVisible();
  return version;
}

async function editCell(page: Page, name: string, change: { mode: string; minConfidence?: string }) {
  await page.getByRole("button", { name: `Edit ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Edit ${name}` });
  await dialog.getByLabel("Mode").selectOption(change.mode);
  if (change.minConfidence) await dialog.getByLabel("Minimum confidence").fill(change.minConfidence);
  await dialog.getByRole("button", { name: "Apply" }).click();
  await expect(dialog).toBeHidden();
  // Focus goes back to the cell, so the grid can be worked through from the keyboard.
  await expect(page.getByRole("button", { name: `Edit ${name}` })).toBeFocused();
}

test.describe("the CISO writes, backtests and signs a new policy version", () => {
  test.use({ storageState: authFile("CISO") });

  test("draft from the active policy → two cells → diff → backtest → sign → active", async ({ page }) => {
    const ciso = (await demoCredentials()).find((c) => c.role === "CISO")!;
    const before = await activeVersion();
    const draft = await newDraftFromActive(page);
    expect(await versionRow(draft)).toMatchObject({ status: "DRAFT", editVersion: 1 });

    await editCell(page, "Revoke sessions on Human account", { mode: "autonomous", minConfidence: "0.85" });
    await editCell(page, "Quarantine file on Server", { mode: "forbidden" });

    const expected = ["Revoke sessions on human accounts: shadow → autonomous at confidence ≥ 0.85", "Quarantine file on servers: escalate → forbidden"];
    await expect(page.getByRole("list", { name: "Changes from the active policy" }).getByRole("listitem")).toHaveText(expected);
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText("Saved · edit 2")).toBeVisible();
    expect(await versionRow(draft)).toMatchObject({ status: "DRAFT", editVersion: 2 });
    const edited = await query<{ summary: string }>(`SELECT summary FROM "AuditEvent" WHERE type = 'POLICY_CHANGED' AND "policyVersion" = $1 AND data->>'change' = 'draft_edited'`, [draft]);
    expect(edited).toEqual([{ summary: `Camille Ortiz edited policy draft v${draft}: ${expected.join("; ")}` }]);

    // The same two sentences on the page comparing any two versions.
    await page.getByRole("link", { name: "Compare" }).click();
    await expect(page.getByRole("list", { name: `Changes from v${before} to v${draft}` }).getByRole("listitem")).toHaveText(expected);
    await page.goBack();

    await page.getByRole("button", { name: "Run backtest" }).click();
    const outcome = page.getByRole("status").filter({ hasText: "decisions replayed" });
    await expect(outcome).toContainText(/Draft v\d+ against the active v\d+, alerts of the last 30 days: \d+ decisions replayed, [1-9]\d* would be decided differently — [1-9]\d* containments? added, 0 withheld\./);
    const added = page.getByRole("table", { name: /^Containments added/ });
    await expect(added.getByRole("row").filter({ hasText: "shadow → execute" }).first()).toContainText("Revoke sessions");
    const alertLink = added.getByRole("link").first();
    await expect(alertLink).toHaveAttribute("href", /^\/policy\/decisions\/[0-9a-f-]{36}$/);
    const backtests = await query<{ details: { containmentsAdded: number; windowDays: number } }>(
      `SELECT data->'details' AS details FROM "AuditEvent" WHERE type = 'POLICY_CHANGED' AND "policyVersion" = $1 AND data->>'change' = 'backtested'`,
      [draft],
    );
    expect(backtests).toHaveLength(1);
    expect(backtests[0]!.details).toMatchObject({ windowDays: 30, containmentsAdded: expect.any(Number) });
    expect(backtests[0]!.details.containmentsAdded).toBeGreaterThan(0);

    const signButton = page.getByRole("button", { name: `Sign and activate v${draft}` });
    await signButton.click();
    const dialog = page.getByRole("dialog", { name: `Sign policy v${draft}?` });
    // Cancel gives focus back to the button that opened the dialog.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(signButton).toBeFocused();
    await signButton.click();
    await expect(dialog.getByRole("list", { name: "Becomes autonomous" })).toHaveText("Revoke sessions on human accounts at confidence ≥ 0.85");
    await dialog.getByLabel("Your password (re-enter it to sign)").fill("not-my-password");
    await dialog.getByRole("button", { name: `Sign and activate v${draft}` }).click();
    await expect(dialog.getByText("That is not your password: nothing was signed. Try again.")).toBeVisible();
    await expect(dialog.getByLabel("Your password (re-enter it to sign)")).toHaveAccessibleDescription("That is not your password: nothing was signed. Try again.");
    expect((await versionRow(draft))!.status).toBe("DRAFT");

    await dialog.getByLabel("Your password (re-enter it to sign)").fill(ciso.password);
    await dialog.getByRole("button", { name: `Sign and activate v${draft}` }).click();
    await expect(page.getByTestId("signature-block")).toContainText(/Signed by Camille Ortiz on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, digest [0-9a-f]{64}/);
    await expect(page.getByTestId("signature-block")).toContainText("Verified just now");
    await expect(page.getByText("active", { exact: true })).toBeVisible();

    expect(await activeVersion()).toBe(draft);
    expect(await versionRow(draft)).toMatchObject({ status: "ACTIVE", signedByName: "Camille Ortiz", digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await versionRow(before))!.status).toBe("SUPERSEDED");
    const signed = await query<{ change: string }>(`SELECT data->>'change' AS change FROM "AuditEvent" WHERE type = 'POLICY_CHANGED' AND "policyVersion" IN ($1, $2) ORDER BY id DESC LIMIT 2`, [before, draft]);
    expect(signed.map((e) => e.change)).toEqual(["signed", "superseded"]);

    const download = await page.request.get(`/policy/versions/${draft}/download`);
    expect(download.headers()["content-disposition"]).toBe(`attachment; filename="reflex-policy-v${draft}.json"`);
    expect(await download.json()).toMatchObject({ version: draft, status: "active", signature: { signedBy: "Camille Ortiz", digest: (await versionRow(draft))!.digest } });
  });
});

test.describe("SOC and business owners cannot sign", () => {
  test("no sign button for them, and the server refuses the sign request itself", async ({ browser, baseURL }) => {
    const ciso = (await demoCredentials()).find((c) => c.role === "CISO")!;
    // The CISO opens a draft and the sign dialog; the browser's request is captured, not sent.
    const cisoContext = await browser.newContext({ storageState: authFile("CISO") });
    const cisoPage = await cisoContext.newPage();
    const draft = await newDraftFromActive(cisoPage);
    let captured: { url: string; headers: Record<string, string>; body: string } | null = null;
    await cisoPage.route(`**/policy/versions/${draft}`, async (route) => {
      const request = route.request();
      if (request.method() === "POST" && request.headers()["next-action"]) {
        captured = { url: request.url(), headers: request.headers(), body: request.postData() ?? "" };
        await route.abort();
      } else {
        await route.continue();
      }
    });
    await cisoPage.getByRole("button", { name: `Sign and activate v${draft}` }).click();
    const dialog = cisoPage.getByRole("dialog", { name: `Sign policy v${draft}?` });
    await dialog.getByLabel("Your password (re-enter it to sign)").fill(ciso.password);
    await dialog.getByRole("button", { name: `Sign and activate v${draft}` }).click();
    await expect.poll(() => captured !== null, { message: "the sign dialog sent its server action" }).toBe(true);
    await cisoContext.close();
    const request = captured!;

    for (const role of ["SOC", "OWNER"] as const) {
      const context = await browser.newContext({ storageState: authFile(role) });
      const page = await context.newPage();
      await page.goto(`/policy/versions/${draft}`);
      await expect(page.getByRole("heading", { level: 1, name: `Policy v${draft}` })).toBeVisible();
      await expect(page.getByText("Only a CISO can sign a policy version.")).toBeVisible();
      await expect(page.getByRole("button", { name: /^Sign and activate/ })).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Save draft" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Edit Block IP on External IP" })).toBeDisabled();

      // The CISO's exact request (with the CISO's password), replayed with this role's session.
      const response = await context.request.post(request.url, {
        headers: { "next-action": request.headers["next-action"]!, "content-type": request.headers["content-type"] ?? "text/plain;charset=UTF-8", accept: "text/x-component", origin: baseURL! },
        data: request.body,
      });
      const text = await response.text();
      expect(text, `the server's answer to ${role}`).toContain('"code":"FORBIDDEN"');
      expect(text).toContain("may not do this (needs policy:sign)");
      expect((await versionRow(draft))!.status, `${role} signed nothing`).toBe("DRAFT");
      await context.close();
    }
    const signedEvents = await query(`SELECT id FROM "AuditEvent" WHERE type = 'POLICY_CHANGED' AND "policyVersion" = $1 AND data->>'change' = 'signed'`, [draft]);
    expect(signedEvents).toEqual([]);
  });
});
