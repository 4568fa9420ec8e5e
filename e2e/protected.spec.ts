import { expect, test, type Browser, type Page } from "@playwright/test";
import { authFile, createToken, query, wazuhBruteForce } from "./fixtures";

// The protected list's "done when": the SOC opens a campaign with a deadline; the owner
// sees it with the days left, registers a CIDR "only with approval of" a named person and
// re-certifies another registration; an alert inside that CIDR escalates, naming the
// registration, instead of executing. Then time moves past the deadline and an
// unregistered address gets the default policy, and the explanation says so.
//
// How time moves: the SOC edits the campaign so its deadline is yesterday. That is a real
// operation (ending a window early; the edit rules allow it and audit it), and what the
// decision depends on is exactly "now > deadline", so the test moves the deadline rather
// than the server's clock: no test-only clock or route exists in the product.

const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
const run = Date.now();
const campaignName = `Partner networks ${run}`;
// Public addresses (the playbook trusts documentation ranges less), of this run's own so
// the spec can run again on the same server.
const octet = (run % 250) + 1;
const cidr = `77.72.${octet}.0/24`;
const insideCidr = `77.72.${octet}.23`;
const unregistered = `77.73.${octet}.77`;

async function pageAs(browser: Browser, role: "SOC" | "OWNER"): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(role) });
  return context.newPage();
}

async function reasonsFor(ip: string): Promise<{ id: string; verdict: string; reasons: string[] }> {
  const [row] = await query<{ id: string; verdict: string; reasons: string[] }>(
    `SELECT d.id, d.verdict, d.reasons FROM "Decision" d JOIN "Alert" a ON a.id = d."alertId" WHERE a."targetValue" = $1 ORDER BY d."createdAt" DESC LIMIT 1`,
    [ip],
  );
  if (!row) throw new Error(`no decision for ${ip}`);
  return row;
}

test("campaign → owner registers and re-certifies → escalation names the registration → past the deadline the default policy applies", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const ingest = createToken(`e2e-protected-ingest-${run}`, "ingest");
  const soc = await pageAs(browser, "SOC");

  // The SOC opens a campaign for external address ranges; it opened ten days ago.
  await soc.goto("/campaigns/new");
  await soc.getByLabel("Name", { exact: true }).fill(campaignName);
  await soc.getByLabel("External IP").check();
  await soc.getByLabel("Scope: business units").fill("Payments");
  await soc.getByLabel("Opening date").fill(isoDay(-10));
  await soc.getByLabel("Reminders (days before the deadline)").fill("7, 1");
  await soc.getByLabel("Deadline", { exact: true }).fill(isoDay(-11));
  await soc.getByRole("button", { name: "Open campaign" }).click();
  await expect(soc.getByText("The deadline must be after the opening date.")).toBeVisible();
  await soc.getByLabel("Deadline", { exact: true }).fill(isoDay(14));
  await soc.getByRole("button", { name: "Open campaign" }).click();
  await expect(soc.getByRole("heading", { name: campaignName })).toBeVisible();
  await expect(soc.getByTestId("campaign-status")).toContainText("14 days left");
  const campaignUrl = soc.url();
  const [opened] = await query<{ summary: string }>(`SELECT summary FROM "AuditEvent" WHERE type = 'CAMPAIGN_CHANGED' AND summary LIKE $1`, [`%${campaignName}%`]);
  expect(opened?.summary).toContain("Sam Okafor opened registration campaign");

  // The owner sees it on their home page with the days left.
  const owner = await pageAs(browser, "OWNER");
  await owner.goto("/");
  const item = owner.getByTestId("owner-campaign").filter({ hasText: campaignName });
  await expect(item).toContainText("14 days left");
  await expect(item).toContainText(`Deadline ${isoDay(14)}`);

  // …registers a CIDR that only a named person may approve containing…
  await owner.goto("/assets/new");
  await owner.getByLabel("Selector kind").selectOption({ label: "CIDR range" });
  await owner.getByLabel("Selector value").fill(cidr);
  await owner.getByLabel("Business service").fill("Partner gateway");
  await owner.getByLabel("Business unit").fill("Payments");
  await owner.getByLabel("Asset class").selectOption({ label: "External IP" });
  await owner.getByLabel("Justification").fill("Card-scheme partners reach the payment switch from this range.");
  await owner.getByLabel("On-call contact").fill("payments-oncall@example.com");
  await owner.getByLabel("Only with approval of").fill("payments-lead@example.com");
  await owner.getByRole("button", { name: "Register asset" }).click();
  await expect(owner.getByText("Registration saved.")).toBeVisible();

  // …and re-certifies the settlement account with one click.
  await owner.getByRole("button", { name: "Re-certify svc-settlement" }).click();
  await expect(owner.getByText(/Re-certified until \d{4}-\d{2}-\d{2}/)).toBeVisible();
  const recertified = await query(
    `SELECT 1 FROM "AuditEvent" WHERE type = 'REGISTRATION_CHANGED' AND "subjectValue" = 'svc-settlement' AND data->>'change' = 'recertified' AND "occurredAt" >= $1`,
    [new Date(run)],
  );
  expect(recertified).toHaveLength(1);

  // An attack from inside the registered range escalates to the named approver instead of executing.
  const inside = await request.post("/api/v1/alerts", { data: wazuhBruteForce(insideCidr, `e2e-protected-in-${run}`), headers: { authorization: `Bearer ${ingest}` } });
  expect(inside.status()).toBe(200);
  expect((await inside.json()).alerts[0]).toMatchObject({ verdict: "escalate", containmentId: null });
  const escalated = await reasonsFor(insideCidr);
  // The registration is the deciding reason, not a supporting note.
  expect(escalated.reasons[0]).toBe(`${cidr} (Partner gateway, owner Priya Raman) requires approval by payments-lead@example.com`);
  expect(await query(`SELECT 1 FROM "Containment" WHERE "targetValue" = $1`, [insideCidr])).toHaveLength(0);

  // The campaign's coverage counts the owner's registration as covering what was seen.
  await soc.goto(campaignUrl);
  await expect(soc.getByRole("table", { name: "Coverage by owner and business unit" })).toContainText("Priya Raman");

  // Time moves: the SOC ends the window, the deadline is now yesterday.
  await soc.goto(`${campaignUrl}/edit`);
  await soc.getByLabel("Deadline", { exact: true }).fill(isoDay(-1));
  await soc.getByRole("button", { name: "Save campaign" }).click();
  await expect(soc.getByTestId("campaign-status")).toContainText("deadline passed 1 day ago");

  // An unregistered address now gets the default policy, and the explanation says why.
  const outside = await request.post("/api/v1/alerts", { data: wazuhBruteForce(unregistered, `e2e-protected-out-${run}`), headers: { authorization: `Bearer ${ingest}` } });
  expect((await outside.json()).alerts[0]).toMatchObject({ verdict: "execute" });
  const sentence = `${unregistered} not registered by ${isoDay(-1)}: default policy applies`;
  const decided = await reasonsFor(unregistered);
  expect(decided.reasons).toContain(`${sentence} (as external-ip)`);
  await soc.goto(`/policy/decisions/${decided.id}`);
  await expect(soc.getByText(sentence).first()).toBeVisible();
  await soc.goto(`/lookup?entity=${unregistered}`);
  await expect(soc.getByTestId("protection-status").first()).toHaveText(`${sentence}.`);

  // The SOC's list shows it past its deadline.
  await soc.goto("/campaigns");
  await expect(soc.getByRole("row", { name: new RegExp(campaignName) })).toContainText("past deadline");

  // The owner no longer sees the campaign as open.
  await owner.goto("/");
  await expect(owner.getByTestId("owner-campaign").filter({ hasText: campaignName })).toHaveCount(0);
});
