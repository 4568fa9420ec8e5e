import { expect, test as setup } from "@playwright/test";
import { ROLES } from "@/lib/auth/permissions";
import { authFile, demoCredentials } from "./fixtures";

for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    const user = (await demoCredentials()).find((c) => c.role === role)!;
    await page.goto("/signin");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("current-role")).toBeVisible();
    await page.context().storageState({ path: authFile(role) });
  });
}
