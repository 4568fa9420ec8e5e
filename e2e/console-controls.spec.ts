import { expect, test, type APIRequestContext, type Locator } from "@playwright/test";
import { authFile, createToken, query, wazuhBruteForce } from "./fixtures";

// Three controls that change what Reflex may do, each driven through its dialog: the CISO's
// kill switch, lifting an investigation hold, closing a registration campaign. Each asks
// for a reason and refuses a short one on the field itself, works from the keyboard alone
// (Enter submits, Escape gives focus back to the opener), takes effect, is audited with the
// reason, and is not offered to a role without the permission.

const run = Date.now();
let issued = 0;
let ingest: string;

/**
 * A number no other test has used, for names, reasons and addresses: a retry (CI retries
 * once) starts a new worker with a new `run`, and must not meet the holds, escalations or
 * containments of the attempt before.
 */
const unique = () => run + issued++;

/** 91.240.124-127 is used by no other spec; a three-digit last octet keeps one address from being a prefix of another in row texts. */
function freshIp(n: number): string {
  const k = n % 400;
  return `91.240.${124 + Math.floor(k / 100)}.${100 + (k % 100)}`;
}

test.beforeAll(() => {
  ingest = createToken(`e2e-controls-ingest-${run}`, "ingest");
});

/** A strong brute-force alert: the demo policy blocks its source autonomously unless something stops it. */
async function sendAlert(request: APIRequestContext, ip: string): Promise<{ verdict: string; containmentId: string | null; escalationId: string | null }> {
  const sent = await request.post("/api/v1/alerts", { data: wazuhBruteForce(ip, `e2e-controls-${ip}-${Date.now()}`), headers: { authorization: `Bearer ${ingest}` } });
  expect(sent.status()).toBe(200);
  return (await sent.json()).alerts[0];
}

/** The refusal is read out with the field (aria-describedby), not only painted next to it. */
async function expectFieldRefusal(field: Locator, message: string) {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(message);
}

/** The kill switch's audit lines whose reason mentions `marker`. */
async function killSwitchEvents(marker: string): Promise<{ actorName: string; summary: string; data: { engaged: boolean; reason: string } }[]> {
  return query(`SELECT "actorName", summary, data FROM "AuditEvent" WHERE type = 'KILL_SWITCH_CHANGED' AND strpos(data->>'reason', $1) > 0 ORDER BY id`, [marker]);
}

/**
 * Every later spec counts on autonomous execution: whatever failed above, the switch ends
 * off. Written to the setting directly because the UI may be what failed; it then has no
 * audit line, which only a failed run can cause.
 */
async function ensureKillSwitchOff() {
  await query(`UPDATE "Setting" SET value = jsonb_set(value, '{engaged}', 'false') WHERE key = 'killSwitch' AND (value->>'engaged')::boolean`);
}

test.describe("the CISO's kill switch", () => {
  test.use({ storageState: authFile("CISO") });
  test.afterEach(ensureKillSwitchOff);

  test("asks why, pauses autonomous execution until it is disengaged, and audits both with the reason", async ({ page, request }) => {
    const incident = `IR-${unique()}`;
    const paused = freshIp(unique());
    const resumed = freshIp(unique());
    const engageReason = `${incident}: detections may be poisoned, people decide`;
    const disengageReason = `${incident} closed: detections verified`;

    await page.goto("/policy");
    const status = page.getByTestId("kill-switch-status");
    await expect(status).toHaveText("Off: autonomous execution follows the signed policy.");

    // From the keyboard: the button opens the dialog with the reason field focused.
    const engage = page.getByRole("button", { name: "Engage kill switch" });
    await engage.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Engage the kill switch?" });
    await expect(dialog).toContainText("Every decision escalates to a human until you disengage it.");
    const reason = dialog.getByRole("textbox", { name: "Reason (goes in the audit log)" });
    await expect(reason).toBeFocused();

    // Empty, the browser refuses (the field is required); blank, the server does, on the field.
    await reason.press("Enter");
    await expect(dialog).toBeVisible();
    expect(await reason.evaluate((input: HTMLInputElement) => input.validity.valueMissing)).toBe(true);
    await reason.fill("  ");
    await reason.press("Enter");
    await expectFieldRefusal(reason, "Give a reason (at least 3 characters): it goes in the audit log.");

    // Escape abandons it: focus goes back to the button, and the dialog starts over next time.
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(engage).toBeFocused();
    await expect(status).toContainText("Off");
    expect(await killSwitchEvents(incident)).toEqual([]);
    await page.keyboard.press("Enter");
    await expect(reason).toHaveValue("");
    await expect(reason).toHaveAttribute("aria-invalid", "false");

    await reason.fill(engageReason);
    await reason.press("Enter");
    await expect(dialog).toBeHidden();
    await expect(status).toHaveText(`Engaged by Camille Ortiz: "${engageReason}". Every decision escalates.`);
    const disengage = page.getByRole("button", { name: "Disengage kill switch" });
    await expect(disengage).toBeVisible();

    // An alert the signed policy would have executed goes to a person instead, saying why.
    const held = await sendAlert(request, paused);
    expect(held).toMatchObject({ verdict: "escalate", containmentId: null, escalationId: expect.any(String) });
    const [decision] = await query<{ reasons: string[] }>(`SELECT reasons FROM "Decision" WHERE "targetValue" = $1`, [paused]);
    expect(decision!.reasons).toEqual([`Kill switch engaged by Camille Ortiz: '${engageReason}' — autonomous execution paused`]);
    expect(await query(`SELECT id FROM "Containment" WHERE "targetValue" = $1`, [paused])).toEqual([]);
    await page.goto("/escalations");
    await expect(page.getByRole("article", { name: `Escalation: Block IP ${paused}` })).toContainText(`Kill switch engaged by Camille Ortiz: '${engageReason}'`);

    await page.goto("/policy");
    await disengage.click();
    const off = page.getByRole("dialog", { name: "Disengage the kill switch?" });
    await expect(off).toContainText("Autonomous execution resumes under the signed policy.");
    await off.getByRole("textbox", { name: "Reason (goes in the audit log)" }).fill(disengageReason);
    await off.getByRole("button", { name: "Disengage now" }).click();
    await expect(off).toBeHidden();
    await expect(status).toHaveText("Off: autonomous execution follows the signed policy.");
    await expect(page.getByRole("button", { name: "Engage kill switch" })).toBeVisible();
    expect(await sendAlert(request, resumed)).toMatchObject({ verdict: "execute", containmentId: expect.any(String) });

    expect(await killSwitchEvents(incident)).toEqual([
      { actorName: "Camille Ortiz", summary: `Camille Ortiz engaged the kill switch: "${engageReason}". Autonomous execution is paused.`, data: { engaged: true, reason: engageReason } },
      { actorName: "Camille Ortiz", summary: `Camille Ortiz disengaged the kill switch: "${disengageReason}".`, data: { engaged: false, reason: disengageReason } },
    ]);
    await page.goto("/audit?type=KILL_SWITCH_CHANGED");
    const events = page.getByRole("list", { name: "Audit events" });
    await expect(events.getByRole("listitem").filter({ hasText: engageReason })).toContainText("by Camille Ortiz");
    await expect(events.getByRole("listitem").filter({ hasText: disengageReason })).toContainText("by Camille Ortiz");
  });
});

test.describe("the kill switch without killswitch:toggle", () => {
  // Should the server ever accept the replayed request, the switch is on when this fails.
  test.afterEach(ensureKillSwitchOff);

  test("SOC and viewers see its state but no control, and the server refuses them the CISO's own request", async ({ browser, baseURL }) => {
    const replayed = `replayed from another role ${unique()}`;
    // The CISO's browser sends the engage action; it is captured, not delivered.
    const ciso = await browser.newContext({ storageState: authFile("CISO") });
    const cisoPage = await ciso.newPage();
    await cisoPage.goto("/policy");
    let captured: { url: string; headers: Record<string, string>; body: string } | null = null;
    await cisoPage.route("**/policy", async (route) => {
      const sent = route.request();
      if (sent.method() === "POST" && sent.headers()["next-action"]) {
        captured = { url: sent.url(), headers: sent.headers(), body: sent.postData() ?? "" };
        await route.abort();
      } else {
        await route.continue();
      }
    });
    await cisoPage.getByRole("button", { name: "Engage kill switch" }).click();
    await cisoPage.getByRole("dialog", { name: "Engage the kill switch?" }).getByRole("textbox", { name: "Reason (goes in the audit log)" }).fill(replayed);
    await cisoPage.getByRole("button", { name: "Engage now" }).click();
    await expect.poll(() => captured !== null, { message: "the dialog sent its server action" }).toBe(true);
    await ciso.close();
    const engage = captured!;

    for (const role of ["SOC", "VIEWER"] as const) {
      const context = await browser.newContext({ storageState: authFile(role) });
      const page = await context.newPage();
      await page.goto("/policy");
      await expect(page.getByTestId("kill-switch-status")).toHaveText("Off: autonomous execution follows the signed policy.");
      await expect(page.getByRole("button", { name: /kill switch/i })).toHaveCount(0);

      const response = await context.request.post(engage.url, {
        headers: { "next-action": engage.headers["next-action"]!, "content-type": engage.headers["content-type"] ?? "text/plain;charset=UTF-8", accept: "text/x-component", origin: baseURL! },
        data: engage.body,
      });
      const text = await response.text();
      expect(text, `the server's answer to ${role}`).toContain('"code":"FORBIDDEN"');
      expect(text).toContain("needs killswitch:toggle");
      await context.close();
    }
    const [setting] = await query<{ engaged: boolean }>(`SELECT (value->>'engaged')::boolean AS engaged FROM "Setting" WHERE key = 'killSwitch'`);
    expect(setting?.engaged ?? false).toBe(false);
    expect(await killSwitchEvents(replayed)).toEqual([]);
  });
});

test.describe("lifting an investigation hold", () => {
  test.use({ storageState: authFile("SOC") });

  test("asks why, ends the hold so the next decision may contain again, and audits the reason", async ({ page, request }) => {
    const ip = freshIp(unique());
    const incident = `IR-${unique()}`;
    const why = `${incident}: intruder evicted, nothing left to observe`;
    await page.goto("/holds");
    await page.getByLabel("Entity", { exact: true }).fill(ip);
    await page.getByLabel("Reason (shown in every decision the hold withholds)").fill(`${incident}: observing the intruder`);
    await page.getByRole("button", { name: "24 hours" }).click();
    await page.getByRole("button", { name: "Place hold" }).click();
    const activeRow = page.getByRole("table", { name: "Active holds" }).getByRole("row").filter({ hasText: ip });
    await expect(activeRow).toBeVisible();
    expect((await sendAlert(request, ip)).verdict).toBe("suppress");

    const lift = activeRow.getByRole("button", { name: `Lift the hold on ${ip}`, exact: true });
    await lift.click();
    const dialog = page.getByRole("dialog", { name: `Lift the hold on ${ip}?` });
    const reason = dialog.getByRole("textbox", { name: "Reason", exact: true });
    await expect(reason).toBeFocused();
    await dialog.getByRole("button", { name: "Lift now" }).click();
    await expectFieldRefusal(reason, "Say why (at least 3 characters): it goes in the audit log.");
    await reason.fill("ok");
    await reason.press("Enter");
    await expectFieldRefusal(reason, "Say why (at least 3 characters): it goes in the audit log.");

    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(lift).toBeFocused();
    await expect(activeRow).toBeVisible();

    await lift.press("Enter");
    await expect(reason).toHaveValue("");
    await reason.fill(why);
    await reason.press("Enter");
    await expect(dialog).toBeHidden();
    await expect(activeRow).toHaveCount(0);
    await expect(page.getByRole("table", { name: "Ended holds" }).getByRole("row").filter({ hasText: ip })).toContainText(`lifted by Sam Okafor: ${why}`);
    expect(await sendAlert(request, ip)).toMatchObject({ verdict: "execute", containmentId: expect.any(String) });

    const lifted = await query<{ actorName: string; summary: string; reason: string }>(
      `SELECT "actorName", summary, data->>'reason' AS reason FROM "AuditEvent" WHERE type = 'HOLD_LIFTED' AND "subjectValue" = $1`,
      [ip],
    );
    expect(lifted).toEqual([{ actorName: "Sam Okafor", reason: why, summary: `Sam Okafor lifted the investigation hold on ${ip} early: '${why}'` }]);
    await page.goto("/audit?type=HOLD_LIFTED");
    await expect(page.getByRole("list", { name: "Audit events" }).getByRole("listitem").filter({ hasText: why })).toContainText(`lifted the investigation hold on ${ip}`);
  });
});

test.describe("closing a registration campaign", () => {
  test.use({ storageState: authFile("SOC") });

  test("asks why, shows the campaign closed with no way to edit or close it again, and audits the reason", async ({ page }) => {
    const n = unique();
    const name = `E2E close ${n}`;
    const why = `Superseded by the next campaign (${n})`;
    // Scoped to a business unit nobody has, so that while it is open no decision cites it.
    await page.goto("/campaigns/new");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Scope: business units").fill(`E2E unit ${n}`);
    await page.getByRole("button", { name: "Open campaign" }).click();
    await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split("/").pop()!;
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const status = page.getByTestId("campaign-status");
    await expect(status).toContainText("open");

    // While the dialog is closed its own "Close campaign" button is hidden: this is the opener.
    const opener = page.getByRole("button", { name: "Close campaign" });
    await opener.click();
    const dialog = page.getByRole("dialog", { name: `Close "${name}"?` });
    await expect(dialog).toContainText("Registrations made under it keep protecting until they expire.");
    const reason = dialog.getByRole("textbox", { name: "Reason", exact: true });
    await expect(reason).toBeFocused();
    await reason.press("Enter");
    await expectFieldRefusal(reason, "Say why the campaign closes (at least 3 characters).");

    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
    await expect(status).toContainText("open");

    await opener.press("Enter");
    await expect(reason).toHaveValue("");
    await reason.fill(why);
    await reason.press("Enter");
    await expect(dialog).toBeHidden();
    await expect(status).toContainText(`closed ${new Date().toISOString().slice(0, 10)}`);
    await expect(page.getByRole("button", { name: "Close campaign" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Edit campaign" })).toHaveCount(0);

    await page.goto("/campaigns");
    await expect(page.getByRole("table", { name: "Registration campaigns" }).getByRole("row").filter({ hasText: name })).toContainText("closed");
    const closed = await query<{ actorName: string; summary: string; reason: string }>(
      `SELECT "actorName", summary, data->'details'->>'reason' AS reason FROM "AuditEvent" WHERE type = 'CAMPAIGN_CHANGED' AND "subjectValue" = $1 AND data->>'change' = 'closed'`,
      [id],
    );
    expect(closed).toEqual([{ actorName: "Sam Okafor", reason: why, summary: `Sam Okafor closed registration campaign "${name}": ${why}` }]);
    await page.goto("/audit?type=CAMPAIGN_CHANGED");
    await expect(page.getByRole("list", { name: "Audit events" }).getByRole("listitem").filter({ hasText: why })).toContainText(`closed registration campaign "${name}"`);
  });
});

test.describe("holds and campaigns without hold:manage and campaign:manage", () => {
  for (const role of ["OWNER", "VIEWER"] as const) {
    test.describe(role, () => {
      test.use({ storageState: authFile(role) });

      test("neither page is offered, and opening one directly is refused", async ({ page }) => {
        const [campaign] = await query<{ id: string }>(`SELECT id FROM "RegistrationCampaign" ORDER BY "createdAt" LIMIT 1`);
        await page.goto("/");
        const nav = page.getByRole("navigation", { name: "Main" });
        await expect(nav.getByRole("link", { name: "Policy" })).toBeVisible();
        await expect(nav.getByRole("link", { name: "Holds" })).toHaveCount(0);
        await expect(nav.getByRole("link", { name: "Campaigns" })).toHaveCount(0);
        await page.goto("/holds");
        await expect(page).toHaveURL(/\/forbidden\?need=hold%3Amanage$/);
        await page.goto(`/campaigns/${campaign!.id}`);
        await expect(page).toHaveURL(/\/forbidden\?need=campaign%3Amanage$/);
      });
    });
  }
});
