import { expect, test, type APIRequestContext } from "@playwright/test";
import { authFile, createToken, query, wazuhBruteForce } from "./fixtures";

// The human side of the loop: alerts below the policy's confidence threshold escalate with
// a recommendation; the analyst approves one (the firewall feed carries it) and rejects
// another with a reason, which is kept as a reviewed inaction.

/** A one-failure brute-force report at low severity: confidence 0.283, under the demo policy's 0.8. */
function weakBruteForce(ip: string) {
  return { source: "e2e-ids", id: `weak-${ip}-${Date.now()}`, rule: "ssh-bruteforce", title: `SSH brute force from ${ip}`, severity: "low", target: { kind: "ip", value: ip } };
}

async function blocklist(request: APIRequestContext, feed: string): Promise<string[]> {
  return (await (await request.get(`/api/v1/feeds/blocklist.txt?token=${feed}`)).text()).split("\n");
}

test.describe("escalation queue", () => {
  test.use({ storageState: authFile("SOC") });

  test("a low-confidence alert escalates with a recommendation; the analyst approves it and the feed blocks it; another is rejected as reviewed inaction", async ({ page, request }) => {
    const approved = "91.240.118.210";
    const rejected = "91.240.118.211";
    const ingest = createToken(`e2e-esc-ingest-${Date.now()}`, "ingest");
    const feed = createToken(`e2e-esc-feed-${Date.now()}`, "feed");

    for (const ip of [approved, rejected]) {
      const sent = await request.post("/api/v1/alerts", { data: weakBruteForce(ip), headers: { authorization: `Bearer ${ingest}` } });
      expect(sent.status()).toBe(200);
      expect((await sent.json()).alerts[0]).toMatchObject({ verdict: "escalate" });
    }
    expect(await blocklist(request, feed)).not.toContain(approved);

    await page.goto("/escalations");
    await expect(page.getByRole("link", { name: /Escalations/ }).getByLabel(/open escalations/)).toBeVisible();
    const item = page.getByRole("article", { name: `Escalation: Block IP ${approved}` });
    await expect(item).toContainText("Confidence 0.283 is below the minimum 0.8 for autonomous Block IP on external-ip");
    await expect(item).toContainText("Block IP 91.240.118.210 (playbook brute-force-ip");
    await expect(item).toContainText("awaiting an answer");
    await expect(item).toContainText("4h");

    await item.getByRole("button", { name: "Take it" }).click();
    await expect(item).toContainText("Sam Okafor");
    await item.getByRole("button", { name: `Approve Block IP ${approved}` }).click();
    const approveDialog = page.getByRole("dialog", { name: `Approve Block IP ${approved}?` });
    await approveDialog.getByRole("button", { name: "Approve and execute" }).click();
    await expect(approveDialog.getByRole("status")).toContainText("Approved: Block IP runs for 4h");
    await approveDialog.getByRole("button", { name: "Close" }).click();

    expect(await blocklist(request, feed)).toContain(approved);
    const approval = await query<{ actorName: string; summary: string; containmentId: string | null }>(
      `SELECT "actorName", summary, "containmentId" FROM "AuditEvent" WHERE type = 'ESCALATION_RESOLVED' AND "subjectValue" = $1`,
      [approved],
    );
    expect(approval).toEqual([expect.objectContaining({ actorName: "Sam Okafor", summary: expect.stringContaining(`Sam Okafor approved Block IP ${approved} for 4h`), containmentId: expect.any(String) })]);
    const [containment] = await query<{ status: string; decisionVerdict: string }>(
      `SELECT c.status, d.verdict AS "decisionVerdict" FROM "Containment" c JOIN "Decision" d ON d.id = c."decisionId" WHERE c."targetValue" = $1`,
      [approved],
    );
    expect(containment).toEqual({ status: "ACTIVE", decisionVerdict: "escalate" });

    const other = page.getByRole("article", { name: `Escalation: Block IP ${rejected}` });
    await other.getByRole("button", { name: `Reject Block IP ${rejected}` }).click();
    const rejectDialog = page.getByRole("dialog", { name: `Reject Block IP ${rejected}?` });
    await rejectDialog.getByRole("button", { name: "Reject" }).click();
    await expect(rejectDialog.getByText(/Say why \(at least 3 characters\)/)).toBeVisible();
    await rejectDialog.getByLabel("Reason", { exact: true }).fill("Known partner scanner, ticket CHG-88");
    await rejectDialog.getByRole("button", { name: "Reject" }).click();
    await expect(rejectDialog.getByRole("status")).toContainText("reviewed inaction");
    await rejectDialog.getByRole("button", { name: "Close" }).click();

    expect(await blocklist(request, feed)).not.toContain(rejected);
    await expect(page.getByRole("article", { name: `Escalation: Block IP ${rejected}` })).toHaveCount(0);
    const resolved = page.getByRole("table", { name: "Resolved escalations" });
    const row = resolved.getByRole("row", { name: new RegExp(rejected.replaceAll(".", "\\.")) });
    await expect(row).toContainText("rejected: reviewed inaction");
    await expect(row).toContainText("Known partner scanner, ticket CHG-88");
    await expect(row).toContainText("Sam Okafor");
    await expect(resolved.getByRole("row", { name: new RegExp(approved.replaceAll(".", "\\.")) })).toContainText("approved");

    // Leadership reviews inaction on the accountability dashboard.
    await page.goto("/dashboard");
    const inaction = page.getByRole("table", { name: "Rejected escalations" }).getByRole("row", { name: new RegExp(rejected.replaceAll(".", "\\.")) });
    await expect(inaction).toContainText("Known partner scanner, ticket CHG-88");
    await expect(inaction).toContainText("Sam Okafor");
  });
});

test.describe("investigation holds", () => {
  test.use({ storageState: authFile("SOC") });

  test("a hold needs a reason and an expiry; while it stands, the decision suppresses containment and says why", async ({ page, request }) => {
    const ip = "91.240.118.212";
    await page.goto("/holds");
    await page.getByLabel("Entity", { exact: true }).fill(ip);
    await page.getByRole("button", { name: "Place hold" }).click();
    await expect(page.getByText(/Say why \(at least 3 characters\)/)).toBeVisible();
    await expect(page.getByText("Give the date and time the hold ends.")).toBeVisible();

    await page.getByLabel(/^Reason/).fill("IR-4410: observing the intruder, do not tip our hand");
    await page.getByRole("button", { name: "24 hours" }).click();
    await page.getByRole("button", { name: "Place hold" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Hold placed until" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Active holds" })).toContainText(ip);

    const ingest = createToken(`e2e-hold-ingest-${Date.now()}`, "ingest");
    const sent = await request.post("/api/v1/alerts", { data: weakBruteForce(ip), headers: { authorization: `Bearer ${ingest}` } });
    expect((await sent.json()).alerts[0]).toMatchObject({ verdict: "suppress" });
    const [decision] = await query<{ reasons: string[] }>(`SELECT reasons FROM "Decision" WHERE "targetValue" = $1`, [ip]);
    expect(decision!.reasons[0]).toContain("Investigation hold on 91.240.118.212 by Sam Okafor");
    const placed = await query<{ actorName: string }>(`SELECT "actorName" FROM "AuditEvent" WHERE type = 'HOLD_PLACED' AND "subjectValue" = $1`, [ip]);
    expect(placed).toEqual([{ actorName: "Sam Okafor" }]);
  });
});

test.describe("named approvers", () => {
  test.use({ storageState: authFile("SOC") });

  test("a request for a registered asset goes to its named approver, who approves through a signed link without signing in", async ({ page, browser, request }) => {
    // The demo registers 10.20.0.0/16 (Payments API) "only with approval of owner@example.com".
    const ip = "10.20.30.40";
    const ingest = createToken(`e2e-appr-ingest-${Date.now()}`, "ingest");
    const feed = createToken(`e2e-appr-feed-${Date.now()}`, "feed");
    const sent = await request.post("/api/v1/alerts", { data: wazuhBruteForce(ip, `e2e-appr-${Date.now()}`), headers: { authorization: `Bearer ${ingest}` } });
    expect((await sent.json()).alerts[0]).toMatchObject({ verdict: "escalate" });

    await page.goto("/escalations");
    const item = page.getByRole("article", { name: `Escalation: Block IP ${ip}` });
    await expect(item).toContainText("Only owner@example.com may approve this.");
    await expect(item.getByRole("button", { name: `Approve Block IP ${ip}` })).toHaveCount(0);
    await item.getByRole("button", { name: "Approval link…" }).click();
    const dialog = page.getByRole("dialog", { name: `Approval link for Block IP ${ip}` });
    await dialog.getByRole("button", { name: "Create link" }).click();
    const url = await dialog.getByLabel("Link").inputValue();
    expect(url).toMatch(/\/approve\/[^/]+$/);

    const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const approver = await anonymous.newPage();
    await approver.goto(url);
    await expect(approver.getByRole("heading", { name: `Approve Block IP ${ip}?` })).toBeVisible();
    await approver.getByRole("button", { name: `Approve Block IP ${ip}` }).click();
    await expect(approver.getByRole("status")).toContainText(`Approved: Block IP ${ip} runs for 1h`);
    expect(await blocklist(request, feed)).toContain(ip);
    await approver.reload();
    await expect(approver.getByRole("heading", { name: "This approval link has already been used" })).toBeVisible();
    await anonymous.close();

    const [resolved] = await query<{ actorName: string }>(`SELECT "actorName" FROM "AuditEvent" WHERE type = 'ESCALATION_RESOLVED' AND "subjectValue" = $1`, [ip]);
    expect(resolved).toEqual({ actorName: "owner@example.com (approval link)" });
  });
});
