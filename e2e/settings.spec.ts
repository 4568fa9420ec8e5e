import { expect, test } from "@playwright/test";
import { authFile, createToken } from "./fixtures";

// Revoking an API token from the console: CISO only, asks why first, and the token is
// refused from the next request on.

test.describe("API tokens in settings", () => {
  test.use({ storageState: authFile("CISO") });

  test("a CISO revokes a feed token after saying why, and its firewall is refused at once", async ({ page }) => {
    const name = `e2e-fw-${Date.now()}`;
    const token = createToken(name, "feed");
    expect((await page.request.get(`/api/v1/feeds/blocklist.txt?token=${token}`)).status()).toBe(200);

    await page.goto("/settings");
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row.getByText("active", { exact: true })).toBeVisible();
    await row.getByRole("button", { name: `Revoke token ${name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Revoke feed token "${name}"?` });
    await expect(dialog).toContainText("keeps the last list it had");

    await dialog.getByLabel("Reason (goes in the audit log)").fill("x");
    await dialog.getByRole("button", { name: "Revoke now" }).click();
    await expect(dialog.getByText("Give a reason (at least 3 characters)")).toBeVisible();
    // Focus goes to the refused field, so its reason is read out with it.
    await expect(dialog.getByLabel("Reason (goes in the audit log)")).toBeFocused();
    expect((await page.request.get(`/api/v1/feeds/blocklist.txt?token=${token}`)).status()).toBe(200);

    await dialog.getByLabel("Reason (goes in the audit log)").fill("Firewall decommissioned");
    // The action held up on its way to the server: Escape must not leave it running unseen.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/settings", async (route) => {
      if (route.request().method() === "POST") await held;
      await route.continue();
    });
    await dialog.getByRole("button", { name: "Revoke now" }).click();
    await expect(dialog.getByRole("button", { name: "Revoking…" })).toBeDisabled();
    // Browsers honour a cancelled Escape once until the next click: the second and third must
    // not close it either.
    for (let press = 0; press < 3; press++) {
      await page.keyboard.press("Escape");
      await expect(dialog.getByRole("button", { name: "Cancel" })).toBeDisabled();
      await expect(dialog).toBeVisible();
    }
    release();
    await expect(dialog).toBeHidden();
    await expect(row.getByText("revoked", { exact: true })).toBeVisible();
    await expect(row.getByRole("button", { name: `Revoke token ${name}` })).toHaveCount(0);
    expect((await page.request.get(`/api/v1/feeds/blocklist.txt?token=${token}`)).status()).toBe(401);
  });
});

test.describe("a SOC analyst sees the tokens but cannot revoke them", () => {
  test.use({ storageState: authFile("SOC") });

  test("no revoke button", async ({ page }) => {
    await page.goto("/settings");
    await expect(page.getByRole("table", { name: "API tokens" }).or(page.getByText("No API tokens"))).toBeVisible();
    await expect(page.getByRole("button", { name: /^Revoke token/ })).toHaveCount(0);
  });
});
