import { spawnSync } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { e2eDatabaseUrl } from "./e2e-env";
import { authFile, createToken, query, wazuhBruteForce } from "./fixtures";

// The bridge call: a viewer finds out whether security caused the outage, an owner
// releases a containment on their own asset, and a release link from a chat notification
// works once without signing in. Each test makes its own data, with its own addresses.

const run = Date.now();
let ingest: string;
let feed: string;

test.beforeAll(() => {
  ingest = createToken(`e2e-bridge-ingest-${run}`, "ingest");
  feed = createToken(`e2e-bridge-feed-${run}`, "feed");
});

async function contain(request: APIRequestContext, ip: string): Promise<string> {
  const sent = await request.post("/api/v1/alerts", { data: wazuhBruteForce(ip, `e2e-bridge-${ip}-${run}`), headers: { authorization: `Bearer ${ingest}` } });
  expect(sent.status()).toBe(200);
  const [outcome] = (await sent.json()).alerts;
  expect(outcome).toMatchObject({ verdict: "execute", containmentId: expect.any(String) });
  return outcome.containmentId;
}

async function blocklist(request: APIRequestContext): Promise<string[]> {
  const response = await request.get(`/api/v1/feeds/blocklist.txt?token=${feed}`);
  expect(response.status()).toBe(200);
  return (await response.text()).split("\n");
}

test.describe("a viewer on the bridge call", () => {
  test.use({ storageState: authFile("VIEWER") });

  test("types a blocked IP into the lookup and sees the containment, its reason and its policy version", async ({ page, request }) => {
    const ip = "91.240.117.10";
    await contain(request, ip);

    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Lookup" }).click();
    await page.getByLabel("IP, CIDR, host name, account or application").fill(ip);
    await page.getByRole("button", { name: "Look up" }).click();

    await expect(page).toHaveURL(new RegExp(`/lookup\\?entity=${ip.replaceAll(".", "\\.")}`));
    await expect(page.getByTestId("lookup-answer")).toContainText(`Yes: Reflex is containing something matching ${ip} right now.`);
    const card = page.getByRole("listitem", { name: `Containment of ${ip}` });
    await expect(card).toContainText(`Blocked ${ip} at the perimeter for 4h`);
    await expect(card).toContainText("policy v1");
    await expect(card).toContainText("Yes, in force");
    await expect(card.getByRole("button", { name: /Release/ })).toHaveCount(0);

    const signals = page.getByRole("table", { name: "Signals Reflex saw" });
    await expect(signals).toContainText("sshd: brute force trying to get access to the system");
    await expect(signals).toContainText("high");
    await expect(page.getByRole("list", { name: "Audit events" })).toContainText(`Blocked ${ip} at the perimeter`);

    // The permalink pins the window; the export carries the same answer.
    const permalink = await page.getByTestId("lookup-permalink").getAttribute("href");
    expect(permalink).toMatch(/from=.+&to=/);
    const csv = await page.request.get(`/lookup/export?${permalink!.split("?")[1]}&format=csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toMatch(new RegExp(`^containment,[^\\n]*,ip,${ip.replaceAll(".", "\\.")},block_ip,ACTIVE`, "m"));

    // A typo gets the reason, not an empty answer or an error page.
    await page.getByLabel("IP, CIDR, host name, account or application").fill("91.240.117.300");
    await page.getByRole("button", { name: "Look up" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "91.240.117.300" })).toContainText('"91.240.117.300" is not an IP address');
  });

  test("searches the audit feed's sentences and finds a block once, also after the console's own indexer has taken it", async ({ page, request }) => {
    const ip = "91.240.117.14";
    const containmentId = await contain(request, ip);
    const search = async () => {
      await page.goto("/audit");
      await page.getByLabel("Search the sentences").fill(`perimeter ${ip}`);
      await page.getByLabel("Search the sentences").press("Enter");
      await expect(page).toHaveURL(/[?&]q=perimeter/);
      const events = page.getByRole("list", { name: "Audit events" }).getByRole("listitem").filter({ hasText: `Blocked ${ip} at the perimeter` });
      await expect(events).toHaveCount(1);
    };
    await search();

    // The console's own search indexer (it runs with the job workers) takes the event...
    const indexed = () => query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditSearch" s JOIN "AuditEvent" e ON e."id" = s."eventId" WHERE e."containmentId" = $1 AND e."type" = 'CONTAINMENT_EXECUTED'`, [containmentId]);
    await expect.poll(async () => (await indexed())[0]!.n, { timeout: 30_000 }).toBe(1);
    // ...and the feed still finds it, once.
    await search();
  });
});

test.describe("a business owner", () => {
  test.use({ storageState: authFile("OWNER") });

  test("releases a containment on their own asset, and the IP leaves the blocklist feed", async ({ page, request }) => {
    // Priya's own registration: a partner range she owns, with no special requirements, so
    // Reflex contains inside it autonomously (her 10.20.0.0/16 escalates instead).
    const range = "91.240.119.0/24";
    const ip = "91.240.119.20";
    await query(
      `INSERT INTO "ProtectedAsset" ("id", "selectorKind", "selectorValue", "ownerId", "businessService", "assetClass", "criticality", "justification", "onCallContact", "requirements", "certifiedAt", "expiresAt", "updatedAt")
       SELECT $1, 'cidr', $2, u."id", 'Partner gateway', 'external-ip', 'HIGH', 'Partner traffic we answer for', 'priya@example.com', $3::jsonb, now(), now() + interval '90 days', now()
       FROM "User" u WHERE u."email" = 'owner@example.com'
       ON CONFLICT DO NOTHING`, // a retry finds it registered already (one live registration per owner and selector)
      [randomUUID(), range, JSON.stringify({ neverAutomatic: false, allowedActions: null, approvalBy: null, maxTtlSeconds: null, preferredAction: null, maintenanceWindows: [] })],
    );
    const id = await contain(request, ip);
    const elsewhere = "91.240.117.11";
    await contain(request, elsewhere);
    expect(await blocklist(request)).toContain(ip);

    // Her asset page: the containments on what she registered, with the release valve.
    await page.goto("/assets");
    const row = page.getByRole("row", { name: new RegExp(ip.replaceAll(".", "\\.")) });
    // Not hers: not listed, no button (and the server refuses it anyway).
    await expect(page.getByRole("row", { name: new RegExp(elsewhere.replaceAll(".", "\\.")) }).getByRole("button", { name: /Release/ })).toHaveCount(0);
    await row.getByRole("button", { name: `Release ${ip}` }).click();
    const dialog = page.getByRole("dialog", { name: `Release ${ip}?` });
    await dialog.getByRole("button", { name: "Business impact" }).click();
    await dialog.getByRole("button", { name: "Release now" }).click();
    await expect(dialog.getByRole("status")).toContainText(`${ip} is released`);
    // Closing the confirmation refreshes the list: the row leaves the active view.
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(row).toHaveCount(0);

    expect(await blocklist(request)).not.toContain(ip);
    const audit = await query<{ actorName: string }>(`SELECT "actorName" FROM "AuditEvent" WHERE type = 'CONTAINMENT_RELEASED' AND "containmentId" = $1`, [id]);
    expect(audit).toEqual([{ actorName: "Priya Raman" }]);

    // The containment page says which enforcement point has applied the release.
    await page.goto(`/containments/${id}`);
    await expect(page.getByTestId("enforcement-summary")).toContainText("applied release");
    await expect(page.getByRole("list", { name: "Enforcement points" })).toContainText(`e2e-bridge-feed-${run}: enforced`);
  });
});

test.describe("a release link from a webhook notification", () => {
  // No session at all: the link is the credential.
  test.use({ storageState: { cookies: [], origins: [] } });

  let receiver: Server;
  const received: { body: Record<string, unknown>; signature: string; timestamp: string; raw: string }[] = [];
  const hook = `e2e-bridge-hook-${run}`;
  const secret = "e2e-bridge-webhook-secret-0123";

  test.beforeAll(async () => {
    receiver = createServer((req, res) => {
      let raw = "";
      req.on("data", (chunk) => (raw += chunk));
      req.on("end", () => {
        received.push({ body: JSON.parse(raw), raw, signature: String(req.headers["x-reflex-signature"]), timestamp: String(req.headers["x-reflex-timestamp"]) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/reflex`;
    const added = spawnSync(process.execPath, [path.resolve(import.meta.dirname, "../bin/reflex.mjs"), "connector", "add-webhook", "--name", hook, "--url", url, "--secret-stdin"], {
      env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() },
      input: secret,
      encoding: "utf8",
    });
    expect(added.status, added.stderr).toBe(0);
  });

  test.afterAll(async () => {
    // Later specs must not keep notifying a receiver that is gone.
    await query(`UPDATE "ConnectorSetting" SET "enabled" = false WHERE "name" = $1`, [hook]);
    await new Promise((resolve) => receiver.close(resolve));
  });

  test("releases the containment once and refuses a second use", async ({ page, request }) => {
    const ip = "91.240.117.30";
    const id = await contain(request, ip);
    await expect.poll(() => received.find((r) => (r.body.containment as { id?: string } | undefined)?.id === id), { timeout: 20_000 }).toBeTruthy();
    const delivery = received.find((r) => (r.body.containment as { id: string }).id === id)!;
    expect(delivery.signature).toBe(`sha256=${createHmac("sha256", secret).update(`${delivery.timestamp}.${delivery.raw}`).digest("hex")}`);
    expect(delivery.body).toMatchObject({ type: "containment.executed", releaseUrl: expect.stringMatching(/\/release\/[\w.-]+$/) });
    const link = delivery.body.releaseUrl as string;
    expect(delivery.body.text).toContain(link);

    await page.goto(link);
    await expect(page.getByRole("heading", { name: `Release ${ip}?` })).toBeVisible();
    // A reason too short to audit is refused on its field, read out with it, and the rest of
    // what was filled in stays.
    await page.getByLabel(/Your name/).fill("Dana (bridge lead)");
    await page.getByLabel("Hold off re-containment").selectOption({ label: "1 hour" });
    await page.getByLabel("Why release it?").fill("ok");
    await page.getByRole("button", { name: `Release ${ip} now` }).click();
    await expect(page.getByLabel("Why release it?")).toHaveAccessibleDescription("Say why (at least 3 characters): it goes in the audit log.");
    await expect(page.getByLabel("Why release it?")).toBeFocused();
    await expect(page.getByLabel(/Your name/)).toHaveValue("Dana (bridge lead)");
    await expect(page.getByLabel("Hold off re-containment")).toHaveValue("3600");
    expect(await blocklist(request)).toContain(ip);
    await page.getByLabel("Hold off re-containment").selectOption({ label: "No hold-off" });
    await page.getByRole("button", { name: "False positive" }).click();
    await page.getByRole("button", { name: `Release ${ip} now` }).click();
    await expect(page.getByRole("status")).toContainText(`${ip} is released`);
    expect(await blocklist(request)).not.toContain(ip);
    const audit = await query<{ actorName: string; actorKind: string }>(`SELECT "actorName", "actorKind" FROM "AuditEvent" WHERE type = 'CONTAINMENT_RELEASED' AND "containmentId" = $1`, [id]);
    expect(audit).toEqual([{ actorKind: "TOKEN", actorName: `Dana (bridge lead) (release link sent to webhook "${hook}")` }]);

    await page.goto(link);
    await expect(page.getByRole("heading", { name: "This release link has already been used" })).toBeVisible();

    const altered = link.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    await page.goto(altered);
    await expect(page.getByRole("heading", { name: "This release link is not valid" })).toBeVisible();
  });
});
