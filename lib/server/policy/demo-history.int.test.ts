import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import { seedDemo } from "@/prisma/seed-demo";

// The demo's 30 days of history (prisma/seed-demo-history.ts), decided by the real pipeline.

beforeAll(async () => {
  await seedDemo(db());
});

describe("demo history", () => {
  it("sends 40 alerts from the last 30 days through the pipeline", async () => {
    const alerts = await db().alert.findMany({ where: { externalId: { startsWith: "demo-history-" } }, select: { occurredAt: true, status: true } });
    expect(alerts).toHaveLength(40);
    const ages = alerts.map((a) => (Date.now() - a.occurredAt.getTime()) / 86_400_000);
    expect(Math.max(...ages)).toBeLessThan(30);
    expect(Math.min(...ages)).toBeGreaterThan(0);
    expect(alerts.every((a) => a.status === "DECIDED")).toBe(true);
  });

  it("mixes verdicts: some blocks executed, escalations, shadowed revocations", async () => {
    const verdicts = await db().decision.groupBy({ by: ["verdict", "playbookKey"], _count: true, orderBy: [{ playbookKey: "asc" }, { verdict: "asc" }] });
    const counts = Object.fromEntries(verdicts.map((v) => [`${v.playbookKey}:${v.verdict}`, v._count]));
    expect(counts["brute-force-ip:execute"]).toBeGreaterThanOrEqual(8);
    expect(counts["brute-force-ip:escalate"]).toBeGreaterThanOrEqual(6);
    expect(counts["compromised-account:shadow"]).toBeGreaterThanOrEqual(5);
    expect(counts["malware-host:escalate"]).toBe(8);
  });

  it("leaves no live containment behind: every historical block has expired", async () => {
    const containments = await db().containment.groupBy({ by: ["status"], _count: true });
    expect(containments.map((c) => c.status)).toEqual(["EXPIRED"]);
    expect(await db().enforcementChange.count({ where: { kind: "ADDED" } })).toBe(await db().enforcementChange.count({ where: { kind: "REMOVED" } }));
  });

  it("keeps the audit chain intact", async () => {
    expect((await verifyAuditChain(db())).filter((r) => !r.ok)).toEqual([]);
  });
});
