import path from "node:path";
import os from "node:os";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { authFile, query } from "./fixtures";

// Registrations from the owner's side: the form's field errors, a CIDR registered with an
// approver, the overlap note, one-click re-certification, deletion behind a confirmation,
// a CSV import that previews per-row errors and imports only the valid rows, and the hosts
// seen under a wildcard registration.

async function changes(selector: string): Promise<string[]> {
  const rows = await query<{ change: string }>(`SELECT data->>'change' AS change FROM "AuditEvent" WHERE type = 'REGISTRATION_CHANGED' AND "subjectValue" = $1 ORDER BY id`, [selector]);
  return rows.map((r) => r.change);
}

/** A host registration of the user with that email, inserted directly: these pages only read it. */
async function register(email: string, selector: string): Promise<string> {
  const id = randomUUID();
  await query(
    `INSERT INTO "ProtectedAsset" ("id", "selectorKind", "selectorValue", "ownerId", "businessService", "assetClass", "criticality", "justification", "onCallContact", "requirements", "certifiedAt", "expiresAt", "updatedAt")
     SELECT $1, 'host', $2, u."id", 'Payments web', 'server', 'HIGH', 'Card payment front ends', 'payments-oncall', $3::jsonb, now(), now() + interval '90 days', now()
     FROM "User" u WHERE u."email" = $4`,
    [id, selector, JSON.stringify({ neverAutomatic: false, allowedActions: null, approvalBy: null, maxTtlSeconds: null, preferredAction: null, maintenanceWindows: [] }), email],
  );
  return id;
}

/** An alert stored as rejected, so that the pipeline's sweep never decides it. */
async function seenAlert(target: string, related: string[] = []): Promise<void> {
  const entities = [{ kind: "host", value: target, role: "target" }, ...related.map((value) => ({ kind: "host", value, role: "related" }))];
  await query(
    `INSERT INTO "Alert" ("id", "format", "source", "externalId", "ruleId", "title", "severity", "occurredAt", "receivedAt", "targetKind", "targetValue", "entities", "raw", "status", "rejectReason")
     VALUES ($1, 'e2e', 'e2e', $1, 'e2e', 'e2e host under a wildcard', 'medium', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', 'host', $2, $3::jsonb, '{}', 'REJECTED', 'e2e fixture')`,
    [randomUUID(), target, JSON.stringify(entities)],
  );
}

test.describe("protected assets", () => {
  test.use({ storageState: authFile("OWNER") });

  test("an owner registers a CIDR with an approver, sees the overlap, re-certifies and deletes it", async ({ page }) => {
    const cidr = "10.20.77.0/24";
    await page.goto("/assets/new");
    await page.getByLabel("Selector kind").selectOption("cidr");
    await page.getByLabel("Selector value").fill("10.20.77.0/33");
    await page.getByLabel("Business service").fill("Store Wi-Fi");
    await page.getByLabel("Asset class").selectOption("server");
    await page.getByLabel("Justification").fill("Card terminals roam on the store Wi-Fi");
    await page.getByLabel("On-call contact").fill("retail-oncall@example.com");
    await page.getByLabel("Only with approval of").fill("Retail CAB");
    await page.getByLabel("Maximum TTL").fill("2h");
    await page.getByRole("button", { name: "Register asset" }).click();
    await expect(page.getByText('"/33" is not a valid prefix length for IPv4: use 0–32')).toBeVisible();
    await expect(page.getByLabel("Selector value")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Selector value").fill(cidr);
    await page.getByRole("button", { name: "Register asset" }).click();
    await expect(page).toHaveURL(/\/assets\?saved=/);
    const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: new RegExp(cidr.replace(/[./]/g, "\\$&")) }) });
    await expect(item).toContainText("approval by Retail CAB; at most 2h");
    // The demo owner's 10.20.0.0/16 contains it: both requirements apply.
    await expect(item.getByRole("note")).toContainText("Overlaps 10.20.0.0/16 registered by Priya Raman (Payments API): strictest requirement applies: approval by Retail CAB and owner@example.com; at most 1h.");

    await item.getByRole("button", { name: `Re-certify ${cidr}` }).click();
    await expect(item.getByRole("status")).toContainText("Re-certified until");

    await item.getByRole("button", { name: `Delete ${cidr}` }).click();
    const dialog = page.getByRole("dialog", { name: `Delete the registration of ${cidr}?` });
    await dialog.getByRole("button", { name: "Delete registration" }).click();
    await expect(page.getByRole("heading", { name: new RegExp(cidr.replace(/[./]/g, "\\$&")) })).toHaveCount(0);
    expect(await changes(cidr)).toEqual(["created", "recertified", "deleted"]);
  });

  test("an owner's wildcard registration lists the hosts seen under it, and only her own registrations open", async ({ page }) => {
    const run = Date.now().toString(36);
    const domain = `pay-${run}.corp.example`;
    const wildcard = `*.${domain}`;
    const id = await register("owner@example.com", wildcard);
    await seenAlert(`api.${domain}`, [`db.${domain}`]);
    await seenAlert(`api.${domain}`);
    // The same last letters, not under the domain.
    await seenAlert(`xpay-${run}.corp.example`);
    await query(
      `INSERT INTO "Containment" ("id", "action", "targetKind", "targetValue", "status", "reason", "connector", "confidence", "blastRadiusCount", "createdAt", "activatedAt", "expiresAt", "endedAt", "releasedByName", "releaseReason")
       SELECT $1, 'isolate_host', 'host', $2, 'RELEASED', 'e2e', 'e2e', 0.9, 0, t, t, t, t, 'e2e', 'e2e fixture' FROM (SELECT now() AT TIME ZONE 'UTC' AS t) n`,
      [randomUUID(), `vault.${domain}`],
    );

    await page.goto(`/assets?q=${encodeURIComponent(domain)}`);
    await page.getByRole("link", { name: wildcard, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/assets/${id}$`));
    await expect(page.getByRole("heading", { level: 1, name: wildcard })).toBeVisible();
    const table = page.getByRole("table", { name: `Hosts seen under ${wildcard} in the last 30 days` });
    await expect(table.getByRole("row")).toHaveCount(4);
    // Host, last seen, alerts naming it, contained now.
    const cells = (host: string) => table.getByRole("row").filter({ has: page.getByRole("cell", { name: host, exact: true }) }).getByRole("cell");
    await expect(cells(`api.${domain}`)).toHaveText([`api.${domain}`, /UTC$/, "2", "no"]);
    await expect(cells(`db.${domain}`)).toHaveText([`db.${domain}`, /UTC$/, "1", "no"]);
    await expect(cells(`vault.${domain}`)).toHaveText([`vault.${domain}`, /UTC$/, "0", "no"]);
    await expect(table).not.toContainText(`xpay-${run}`);

    const quiet = await register("owner@example.com", `*.quiet-${run}.corp.example`);
    await page.goto(`/assets/${quiet}`);
    await expect(page.getByRole("status").filter({ hasText: `Nothing seen under *.quiet-${run}.corp.example in the last 30 days` })).toBeVisible();

    // Someone else's registration is not found, as everywhere an owner is scoped.
    const [ciso] = await query<{ email: string }>(`SELECT email FROM "User" WHERE role = 'CISO' ORDER BY email LIMIT 1`);
    const theirs = await register(ciso!.email, wildcard);
    await page.goto(`/assets/${theirs}`);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });

  test("a CSV import previews per-row errors, writes nothing, then imports only the valid rows", async ({ page }) => {
    const file = path.join(os.tmpdir(), `reflex-import-${Date.now()}.csv`);
    writeFileSync(
      file,
      [
        "selector_kind,selector,business_service,asset_class,criticality,justification,on_call_contact,max_ttl",
        "ip,10.88.0.1,Kiosk,server,low,Self-service kiosk,kiosk-oncall,4h",
        "host,kiosk..retail.example,Kiosk,server,low,Kiosk host,kiosk-oncall,",
        "ip,10.88.0.2,Kiosk,server,low,Kiosk two,kiosk-oncall,forever",
      ].join("\n"),
    );
    await page.goto("/assets/import");
    await page.getByLabel("CSV file").setInputFiles(file);
    await page.getByRole("button", { name: "Preview import" }).click();
    const preview = page.getByRole("region", { name: "Import preview" });
    await expect(preview.getByRole("status")).toHaveText("1 of 3 rows are valid; 2 need fixing. Nothing has been written.");
    await expect(preview.getByRole("row", { name: /kiosk\.\.retail\.example/ })).toContainText("selector: Host names cannot have empty labels");
    await expect(preview.getByRole("row", { name: /10\.88\.0\.2/ })).toContainText('max_ttl: "forever" is not a duration');
    await expect(preview.getByRole("button", { name: "Import all 3 rows" })).toBeDisabled();
    expect(await changes("10.88.0.1")).toEqual([]);

    await preview.getByRole("button", { name: "Import valid rows only (1)" }).click();
    await expect(preview.getByRole("status")).toHaveText("Imported 1 registration from " + path.basename(file) + ". 2 rows were left out.");
    expect(await changes("10.88.0.1")).toEqual(["created"]);
    expect(await changes("10.88.0.2")).toEqual([]);
  });
});

test.describe("protected assets, SOC", () => {
  test.use({ storageState: authFile("SOC") });

  test("SOC registers an account for a business owner and hands it over, by keyboard where it matters", async ({ page }) => {
    const account = "svc-ledger-e2e";
    await page.goto("/assets/new");
    await page.getByLabel("Selector kind").selectOption("account");
    await page.getByLabel("Selector value").fill(account);
    await page.getByLabel("Business service").fill("General ledger");
    await page.getByLabel("Asset class").selectOption("service-account");
    await page.getByLabel("Justification").fill("Posts the nightly ledger");
    await page.getByLabel("On-call contact").fill("finance-oncall");
    await expect(page.getByLabel("Owner")).toHaveValue(/.+/);
    await page.getByLabel("Owner").selectOption({ label: "Priya Raman" });
    await page.getByLabel("Never contain automatically").check();
    await page.getByRole("button", { name: "Register asset" }).click();
    await expect(page).toHaveURL(/\/assets\?saved=/);

    await page.getByRole("button", { name: `Hand over ${account}` }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: `Hand over ${account}` });
    await dialog.getByLabel("New owner").selectOption({ label: "Camille Ortiz (CISO)" });
    await dialog.getByLabel("Note for the audit log (optional)").fill("finance reorganised");
    await dialog.getByRole("button", { name: "Hand over" }).click();
    await expect(dialog.getByRole("status")).toContainText(`Camille Ortiz owns ${account} now`);
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: account })).toContainText("owner Camille Ortiz");
    expect(await changes(account)).toEqual(["created", "handed_over"]);
  });
});
