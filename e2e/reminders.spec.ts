import { expect, test, type Browser, type Page } from "@playwright/test";
import { authFile, query } from "./fixtures";

// Campaign reminders and registration expiry notices, as a business owner receives them:
// the bell in the console's header counts them, lists them newest first with links to
// where the owner acts on them, and "Mark all read" clears the count. Another user's bell
// shows none of them.
//
// The notices come from the production job, not from rows written by the test. The job
// (`protected.remind`) runs every five minutes in the console's own worker; rather than wait
// for the schedule, the spec puts one `protected.remind` job in pg-boss's table (as the
// schedule does) and waits until that worker has completed it. The data it acts on is made
// through the UI: the SOC opens a campaign with a short re-certification cadence for a
// business unit of this run's own, the owner registers a host in that unit (so it expires
// within the 14-day notice window), and the SOC then moves the deadline so that a reminder
// point falls due. Business-unit scope never reaches decisions (an unregistered target has
// no business unit), and the campaign is closed at the end.

const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
// A retry (CI retries once) starts a new worker, so a new run with names of its own.
const run = Date.now();
const unit = `E2E reminders ${run}`;
const campaignName = `Reminders ${run}`;
const host = `kiosk-${run}.reminders.e2e.example`;
const service = `Kiosk ${run}`;

async function pageAs(browser: Browser, role: "SOC" | "OWNER"): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(role) });
  return context.newPage();
}

/** The header's bell: a disclosure whose accessible name carries the unread count, in the banner landmark. */
const bellOf = (page: Page) => page.getByRole("banner").getByLabel(/^Notifications, \d+ unread$/);
const noticesOf = (page: Page) => page.getByRole("region", { name: "Notifications" });

async function unreadOf(page: Page): Promise<number> {
  const label = await bellOf(page).getAttribute("aria-label");
  const count = /^Notifications, (\d+) unread$/.exec(label ?? "")?.[1];
  if (count === undefined) throw new Error(`The bell's label does not give an unread count: ${label}`);
  return Number(count);
}

async function expectUnread(page: Page, count: number) {
  const bell = bellOf(page);
  await expect(bell).toHaveAccessibleName(`Notifications, ${count} unread`);
  await expect(bell).toHaveText(String(count));
}

/**
 * Runs `protected.remind` now: one job inserted into pg-boss's table with its queue's
 * settings (what `boss.send` and the five-minute schedule do), which the console's own
 * worker picks up. Resolves once that worker has completed it; a failed run shows its error.
 */
async function runRemindJob(): Promise<void> {
  const [job] = await query<{ id: string }>(
    `INSERT INTO pgboss.job (name, data, retry_limit, retry_delay, retry_backoff, policy)
     SELECT name, '{}'::jsonb, retry_limit, retry_delay, retry_backoff, policy FROM pgboss.queue WHERE name = 'protected.remind'
     RETURNING id`,
  );
  if (!job) throw new Error("pg-boss has no protected.remind queue: the console's job workers did not start.");
  await expect
    .poll(
      async () => {
        const [row] = await query<{ state: string; output: unknown }>(`SELECT state, output FROM pgboss.job WHERE name = 'protected.remind' AND id = $1`, [job.id]);
        return row?.state === "completed" ? "completed" : `${row?.state ?? "missing"} ${JSON.stringify(row?.output ?? null)}`;
      },
      { message: "the console's worker completes the protected.remind job", timeout: 30_000 },
    )
    .toBe("completed");
}

// Only if the test failed before closing it through the UI: no other spec must find it open.
test.afterAll(async () => {
  await query(`UPDATE "RegistrationCampaign" SET "closedAt" = now() WHERE name = $1 AND "closedAt" IS NULL`, [campaignName]);
});

test("an owner gets campaign reminders and expiry notices in the bell, newest first, and marks them read; nobody else sees them", async ({ browser }) => {
  test.setTimeout(180_000);
  // Whatever was already due (the demo's registrations, other specs' data) goes out now,
  // so that what the runs below send is this spec's alone.
  await runRemindJob();

  // The SOC opens a campaign for a business unit of this run's own, re-certified every 10 days.
  const soc = await pageAs(browser, "SOC");
  await soc.goto("/campaigns/new");
  await soc.getByLabel("Name", { exact: true }).fill(campaignName);
  await soc.getByLabel("Scope: business units").fill(unit);
  await soc.getByLabel("Opening date").fill(isoDay(-10));
  await soc.getByLabel("Deadline", { exact: true }).fill(isoDay(30));
  await soc.getByLabel("Re-certification cadence (days)").fill("10");
  await soc.getByLabel("Reminders (days before the deadline)").fill("7, 1");
  await soc.getByRole("button", { name: "Open campaign" }).click();
  await expect(soc.getByRole("heading", { level: 1, name: campaignName })).toBeVisible();
  await expect(soc.getByTestId("campaign-status")).toContainText("30 days left");
  const campaignUrl = soc.url();
  const campaignId = new URL(campaignUrl).pathname.split("/").pop()!;
  await soc.goto("/");
  const socUnread = await unreadOf(soc);

  const owner = await pageAs(browser, "OWNER");
  await owner.goto("/");
  const ownerUnread = await unreadOf(owner);

  // The owner registers a host in that unit: the campaign's cadence makes it expire in 10 days.
  await owner.goto("/assets/new");
  await owner.getByLabel("Selector kind").selectOption("host");
  await owner.getByLabel("Selector value").fill(host);
  await owner.getByLabel("Business service").fill(service);
  await owner.getByLabel("Business unit").fill(unit);
  await owner.getByLabel("Asset class").selectOption("workstation");
  await owner.getByLabel("Justification").fill("Self-service kiosks in the lobby; staff cannot check in visitors without them.");
  await owner.getByLabel("On-call contact").fill("facilities-oncall@example.com");
  await owner.getByRole("button", { name: "Register asset" }).click();
  await expect(owner).toHaveURL(/\/assets\?saved=/);
  const registration = owner.getByRole("list", { name: "Registrations" }).getByRole("listitem", { name: new RegExp(host.replaceAll(".", "\\.")) });
  await expect(registration).toContainText("expires in 10 d");
  await expect(registration).toContainText(`cadence 10 days (${campaignName})`);

  // The job's first run: the registration is inside the 14-day notice window, no reminder point is due yet.
  const expiring = `Your registration of host ${host} (${service}) expires on ${isoDay(10)} (10 days left). Re-certify it to keep it protected; after that it gets the default policy.`;
  await runRemindJob();
  await owner.goto("/");
  await expectUnread(owner, ownerUnread + 1);
  await bellOf(owner).click();
  const notices = noticesOf(owner);
  await expect(notices.getByRole("listitem").first()).toContainText(expiring);
  await expect(notices).not.toContainText(campaignName);

  // The SOC moves the deadline to five days from now: the 7-day point is due.
  await soc.goto(`${campaignUrl}/edit`);
  await soc.getByLabel("Deadline", { exact: true }).fill(isoDay(5));
  await soc.getByRole("button", { name: "Save campaign" }).click();
  await expect(soc.getByTestId("campaign-status")).toContainText("5 days left");

  const reminder = `Registration campaign "${campaignName}": 5 days left (deadline ${isoDay(5)}). Register or re-certify your assets in scope (business units ${unit}); anything not registered by then gets the default policy.`;
  await runRemindJob();
  await owner.goto("/");
  await expectUnread(owner, ownerUnread + 2);
  await bellOf(owner).click();
  // Newest first: the reminder, then the expiry notice of the run before.
  const items = notices.getByRole("listitem");
  await expect(items.nth(0)).toContainText(reminder);
  await expect(items.nth(1)).toContainText(expiring);
  // Unread is said, not only shown in bold.
  await expect(items.nth(0)).toContainText("Unread:");
  await expect(notices.getByRole("link", { name: reminder })).toHaveAttribute("href", "/");
  await expect(notices.getByRole("link", { name: expiring })).toHaveAttribute("href", "/assets");

  // The job recorded the reminder it sent, once, and the SOC sees it on the campaign.
  const reminded = await query<{ daysBefore: number; daysLeft: number }>(
    `SELECT (data->'details'->>'daysBefore')::int AS "daysBefore", (data->'details'->>'daysLeft')::int AS "daysLeft" FROM "AuditEvent" WHERE type = 'CAMPAIGN_CHANGED' AND "subjectValue" = $1 AND data->>'change' = 'reminded'`,
    [campaignId],
  );
  expect(reminded).toEqual([{ daysBefore: 7, daysLeft: 5 }]);
  await soc.goto(campaignUrl);
  await expect(soc.getByText("sent so far: 7 d")).toBeVisible();

  // The SOC's bell has none of the owner's notices.
  await soc.goto("/");
  await expectUnread(soc, socUnread);
  await bellOf(soc).click();
  await expect(noticesOf(soc)).toBeVisible();
  await expect(noticesOf(soc)).not.toContainText(campaignName);
  await expect(noticesOf(soc)).not.toContainText(host);

  // Each link goes where the owner acts on it: the campaign on their home page…
  await notices.getByRole("link", { name: reminder }).click();
  await expect(owner).toHaveURL(/\/$/);
  const campaign = owner.getByTestId("owner-campaign").filter({ hasText: campaignName });
  await expect(campaign).toContainText("5 days left");
  await expect(campaign).toContainText(`Deadline ${isoDay(5)}`);
  // …and the registration to re-certify.
  await bellOf(owner).click();
  await notices.getByRole("link", { name: expiring }).click();
  await expect(owner).toHaveURL(/\/assets$/);
  await expect(registration).toContainText("expires in 10 d");
  await expect(registration.getByRole("button", { name: `Re-certify ${host}` })).toBeVisible();

  // Following a link does not mark anything read; "Mark all read" does, for the owner only.
  await expectUnread(owner, ownerUnread + 2);
  await bellOf(owner).click();
  await notices.getByRole("button", { name: "Mark all read" }).click();
  await expectUnread(owner, 0);
  await expect(notices.getByRole("button", { name: "Mark all read" })).toHaveCount(0);
  await expect(items.nth(0)).toContainText(reminder);
  await expect(items.nth(0)).not.toContainText("Unread:");
  const unread = await query<{ email: string; unread: number }>(
    `SELECT u.email, count(n.id)::int AS unread FROM "User" u LEFT JOIN "Notification" n ON n."userId" = u.id AND n."readAt" IS NULL WHERE u.email IN ('owner@example.com', 'soc@example.com') GROUP BY u.email ORDER BY u.email`,
  );
  expect(unread).toEqual([
    { email: "owner@example.com", unread: 0 },
    { email: "soc@example.com", unread: socUnread },
  ]);
  await owner.reload();
  await expectUnread(owner, 0);

  // The campaign ends here, so that no later spec finds it open.
  await soc.goto(campaignUrl);
  await soc.getByRole("button", { name: "Close campaign" }).click();
  const close = soc.getByRole("dialog", { name: `Close "${campaignName}"?` });
  await close.getByRole("textbox", { name: "Reason", exact: true }).fill(`End of the reminders check (${run})`);
  await close.getByRole("textbox", { name: "Reason", exact: true }).press("Enter");
  await expect(soc.getByTestId("campaign-status")).toContainText("closed");
});
