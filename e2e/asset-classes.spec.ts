import { expect, test } from "@playwright/test";
import { authFile, query } from "./fixtures";

// The asset-class list: the policy grid's columns and what owners register under. The CISO
// adds a class (a bad key refused on its field, read out with it), renames it through its
// dialog (Cancel gives focus back to the button that opened it), and deletes it; a viewer
// reads the list without a control. Each run makes a class of its own.

const run = Date.now().toString(36);

test.describe("asset classes, CISO", () => {
  test.use({ storageState: authFile("CISO") });

  test("adds a class, renames it and deletes it, every change in the audit log", async ({ page }) => {
    const key = `e2e-kiosk-${run}`;
    const label = `Kiosk ${run}`;
    const renamed = `Lobby kiosk ${run}`;
    await page.goto("/policy/asset-classes");
    const add = page.getByRole("form", { name: "Add an asset class" });

    await add.getByLabel("Key").fill("Bad Key!");
    await add.getByLabel("Label").fill(label);
    await add.getByRole("button", { name: "Add asset class" }).click();
    await expect(add.getByLabel("Key")).toHaveAccessibleDescription("Use lower-case letters, digits and single hyphens, e.g. payment-terminal.");
    await expect(add.getByLabel("Key")).toBeFocused();

    await add.getByLabel("Key").fill(key);
    await add.getByLabel("Description").fill("Self-service terminals in the lobby");
    await add.getByRole("button", { name: "Add asset class" }).click();
    await expect(add.getByRole("status")).toContainText(`Added ${label}.`);
    const table = page.getByRole("table", { name: "Asset classes" });
    await expect(table.getByRole("row").filter({ hasText: key })).toContainText(label);

    const edit = page.getByRole("button", { name: `Edit ${label}` });
    await edit.click();
    const editDialog = page.getByRole("dialog", { name: `Edit ${label}` });
    await editDialog.getByLabel("Label").fill("not kept");
    await editDialog.getByRole("button", { name: "Cancel" }).click();
    await expect(editDialog).toBeHidden();
    await expect(edit).toBeFocused();
    // Reopened, it starts over from the class as it is.
    await edit.click();
    await expect(editDialog.getByLabel("Label")).toHaveValue(label);
    await editDialog.getByLabel("Label").fill(" ");
    await editDialog.getByRole("button", { name: "Save" }).click();
    await expect(editDialog.getByLabel("Label")).toHaveAccessibleDescription("Give the class a label, e.g. Payment terminal.");
    await expect(editDialog.getByLabel("Label")).toBeFocused();
    await editDialog.getByLabel("Label").fill(renamed);
    await editDialog.getByLabel("Label").press("Enter");
    await expect(table.getByRole("row").filter({ hasText: key })).toContainText(renamed);
    await expect(page.getByRole("dialog")).toHaveCount(0);

    await page.getByRole("button", { name: `Delete ${renamed}` }).click();
    const deleteDialog = page.getByRole("dialog", { name: `Delete ${renamed}?` });
    await deleteDialog.getByRole("button", { name: `Delete ${renamed}` }).click();
    await expect(table.getByRole("row").filter({ hasText: key })).toHaveCount(0);
    // Its row and Delete button are gone: focus is on the sentence saying what happened.
    await expect(page.getByText(`Deleted ${renamed}.`)).toBeFocused();

    const audit = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "summary" LIKE $1`, [`%${key}%`]);
    expect(audit[0]!.n).toBe(3);
  });
});

test.describe("asset classes, viewer", () => {
  test.use({ storageState: authFile("VIEWER") });

  test("reads the list without a control to change it", async ({ page }) => {
    await page.goto("/policy/asset-classes");
    await expect(page.getByText("Read-only for your role: SOC and CISO keep this list.")).toBeVisible();
    await expect(page.getByRole("table", { name: "Asset classes" }).getByRole("row").filter({ hasText: "external-ip" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^(Edit|Delete) / })).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Add an asset class" })).toHaveCount(0);
  });
});
