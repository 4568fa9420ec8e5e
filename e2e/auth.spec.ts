import { expect, test } from "@playwright/test";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { navigationFor } from "@/lib/auth/navigation";
import { authFile, demoCredentials } from "./fixtures";

test.describe("each role sees its own navigation", () => {
  for (const role of ROLES) {
    test.describe(role, () => {
      test.use({ storageState: authFile(role) });
      test(`${role} sees exactly its navigation`, async ({ page }) => {
        await page.goto("/");
        await expect(page.getByTestId("current-role")).toHaveText(ROLE_LABELS[role]);
        const nav = page.getByRole("navigation", { name: "Main" });
        // A link may carry a count after its label (open escalations).
        const expected = ["Overview", ...navigationFor(role).map((n) => n.label)].map((label) => new RegExp(`^${label}\\d*$`));
        await expect(nav.getByRole("link")).toHaveText(expected);
      });
    });
  }
});

test.describe("a viewer is refused what only the CISO may do", () => {
  test.use({ storageState: authFile("VIEWER") });

  test("the settings page answers 403", async ({ page }) => {
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Your role does not allow this page" })).toBeVisible();
    await expect(page).toHaveURL(/\/forbidden/);
  });

  test("the kill switch API refuses the viewer and changes nothing", async ({ page }) => {
    const response = await page.request.post("/api/v1/kill-switch", { data: { engaged: true, reason: "viewer trying" } });
    expect(response.status()).toBe(403);
    await page.goto("/");
    await expect(page.getByTestId("kill-switch-state")).toContainText("Off");
  });
});

test.describe("signing in and out", () => {
  test("a wrong password gives a clear error", async ({ page }) => {
    const ciso = (await demoCredentials()).find((c) => c.role === "CISO")!;
    await page.goto("/signin");
    await page.getByLabel("Email").fill(ciso.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong" })).toHaveText("Wrong email or password. Check both and try again.");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("anonymous visitors are sent to sign in", async ({ page }) => {
    await page.goto("/containments");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fcontainments/);
  });

  test("sign-out ends the session", async ({ page }) => {
    const soc = (await demoCredentials()).find((c) => c.role === "SOC")!;
    await page.goto("/signin");
    await page.getByLabel("Email").fill(soc.email);
    await page.getByLabel("Password").fill(soc.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("current-user")).toHaveText(soc.name);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("status")).toHaveText("You are signed out.");
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
  });

});

test.describe("unknown pages", () => {
  test.use({ storageState: authFile("VIEWER") });

  test("give a proper 404", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });
});
