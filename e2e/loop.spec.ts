import { expect, test } from "@playwright/test";
import { authFile, createToken, query, wazuhBruteForce } from "./fixtures";

// The loop end to end: an alert contains an attacker autonomously under the demo's signed
// policy, the firewall feed carries it, and the SOC releases it in one click.

test.describe("alert → autonomous block → one-click release", () => {
  test.use({ storageState: authFile("SOC") });

  test("a Wazuh brute-force alert is blocked, then released from the console", async ({ page, request }) => {
    const ip = "91.240.118.200";
    const ingest = createToken(`e2e-ingest-${Date.now()}`, "ingest");
    const feed = createToken(`e2e-feed-${Date.now()}`, "feed");

    const sent = await request.post("/api/v1/alerts", { data: wazuhBruteForce(ip, `e2e-${Date.now()}`), headers: { authorization: `Bearer ${ingest}` } });
    expect(sent.status()).toBe(200);
    expect((await sent.json()).alerts[0]).toMatchObject({ verdict: "execute" });
    expect((await (await request.get(`/api/v1/feeds/blocklist.txt?token=${feed}`)).text()).split("\n")).toContain(ip);

    await page.goto("/containments");
    const row = page.getByRole("row", { name: new RegExp(ip.replaceAll(".", "\\.")) });
    await expect(row).toContainText("Blocked");
    await row.getByRole("button", { name: `Release ${ip}` }).click();
    const dialog = page.getByRole("dialog", { name: `Release ${ip}?` });
    await dialog.getByRole("button", { name: "False positive" }).click();
    await dialog.getByRole("button", { name: "Release now" }).click();
    await expect(dialog.getByRole("status")).toContainText(`${ip} is released`);

    expect((await (await request.get(`/api/v1/feeds/blocklist.txt?token=${feed}`)).text()).split("\n")).not.toContain(ip);
    const audit = await query<{ actorName: string; summary: string }>(
      `SELECT "actorName", summary FROM "AuditEvent" WHERE type = 'CONTAINMENT_RELEASED' AND "subjectValue" = $1`,
      [ip],
    );
    expect(audit).toEqual([expect.objectContaining({ actorName: "Sam Okafor", summary: expect.stringContaining("False positive") })]);
  });
});

test.describe("the release valve is not offered to viewers", () => {
  test.use({ storageState: authFile("VIEWER") });

  test("a viewer sees containments but no Release button", async ({ page, request }) => {
    const ip = "91.240.118.201";
    const ingest = createToken(`e2e-ingest-v-${Date.now()}`, "ingest");
    await request.post("/api/v1/alerts", { data: wazuhBruteForce(ip, `e2e-v-${Date.now()}`), headers: { authorization: `Bearer ${ingest}` } });
    await page.goto("/containments");
    const row = page.getByRole("row", { name: new RegExp(ip.replaceAll(".", "\\.")) });
    await expect(row).toBeVisible();
    await expect(row.getByRole("button", { name: /Release/ })).toHaveCount(0);
  });
});
