import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { PrismaClient } from "@/lib/generated/prisma";
import { recordingJobSender } from "@/lib/jobs/queues";
import type { TContainmentOutcome } from "./create-containment";
import { followUpContainments } from "./follow-up-containment";

// A batch of decisions enqueues its follow-up jobs with one insert, after one read of the
// enabled webhooks; statements are counted on a client that reports each one it sends.

const countingClient = () =>
  new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }), log: [{ emit: "event", level: "query" }] });
let counted: ReturnType<typeof countingClient>;
const statements: string[] = [];
const expiresAt = new Date("2026-06-01T01:00:00Z");

beforeAll(() => {
  counted = countingClient();
  counted.$on("query", (e) => statements.push(e.query));
});
afterAll(async () => {
  await counted.$disconnect();
});

async function containment(status: "ACTIVE" | "PENDING", target: string): Promise<TContainmentOutcome> {
  const row = await db().containment.create({
    data: { action: "block_ip", targetKind: "ip", targetValue: target, status, reason: `contained ${target}`, connector: "test", confidence: 0.9, blastRadiusCount: 1, expiresAt },
  });
  return { created: true, id: row.id, status, expiresAt, pushConnector: status === "PENDING" };
}

/** Runs the follow-up on the counting client: the statements it sent and the sender's calls. */
async function followUp(outcomes: (TContainmentOutcome | null)[], jobs = recordingJobSender()) {
  const sendMany = vi.spyOn(jobs, "sendMany");
  const send = vi.spyOn(jobs, "send");
  statements.length = 0;
  await followUpContainments(counted, jobs, outcomes);
  return { statements: [...statements], sendMany: sendMany.mock.calls.length, send: send.mock.calls.length, sent: jobs.sent };
}

describe("followUpContainments", () => {
  it("without webhooks: one read of the webhooks and one insert for the whole batch", async () => {
    const outcomes: (TContainmentOutcome | null)[] = [
      { created: true, id: "c-active", status: "ACTIVE", expiresAt, pushConnector: false },
      { created: true, id: "c-pending", status: "PENDING", expiresAt, pushConnector: true },
      { created: false, existingId: "c-existing" },
      null,
      { created: true, id: "c-failed", status: "FAILED", expiresAt, pushConnector: false },
    ];
    const run = await followUp(outcomes);
    expect(run.statements).toEqual([expect.stringContaining(`"ConnectorSetting"`)]);
    expect({ sendMany: run.sendMany, send: run.send }).toEqual({ sendMany: 1, send: 0 });
    expect(run.sent).toEqual([
      { queue: "containment.expire", data: { containmentId: "c-active" }, options: { startAfter: expiresAt, singletonKey: "expire:c-active" } },
      { queue: "containment.expire", data: { containmentId: "c-pending" }, options: { startAfter: expiresAt, singletonKey: "expire:c-pending" } },
      { queue: "containment.execute", data: { containmentId: "c-pending" }, options: { singletonKey: "execute:c-pending" } },
      { queue: "containment.expire", data: { containmentId: "c-failed" }, options: { startAfter: expiresAt, singletonKey: "expire:c-failed" } },
    ]);
  });

  it("sends nothing and reads nothing when no containment was created", async () => {
    const run = await followUp([null, { created: false, existingId: "c-existing" }]);
    expect(run).toMatchObject({ statements: [], sendMany: 0, send: 0, sent: [] });
  });

  it("with webhooks: reads them once and announces each executed containment to each, with a release link", async () => {
    await db().connectorSetting.createMany({
      data: [
        { kind: "webhook", name: "soc", enabled: true, config: {} },
        { kind: "webhook", name: "noc", enabled: true, config: {} },
        { kind: "webhook", name: "old", enabled: false, config: {} },
      ],
    });
    const [a, b, pending] = [await containment("ACTIVE", "203.0.113.1"), await containment("ACTIVE", "203.0.113.2"), await containment("PENDING", "203.0.113.3")];
    const run = await followUp([a, b, pending]);
    expect(run.statements.filter((s) => s.includes(`"ConnectorSetting"`))).toHaveLength(1);
    expect(run.sendMany).toBe(1);
    const deliveries = run.sent.filter((j) => j.queue === "webhook.deliver").map((j) => j.data as { event: { text: string; releaseUrl: string } });
    expect(deliveries.map((d) => d.event.text.split("\n")[0]).sort()).toEqual([
      ":shield: Reflex contained 203.0.113.1 (block_ip): contained 203.0.113.1",
      ":shield: Reflex contained 203.0.113.1 (block_ip): contained 203.0.113.1",
      ":shield: Reflex contained 203.0.113.2 (block_ip): contained 203.0.113.2",
      ":shield: Reflex contained 203.0.113.2 (block_ip): contained 203.0.113.2",
    ]);
    expect(new Set(deliveries.map((d) => d.event.releaseUrl)).size).toBe(4);
    expect(run.sent.filter((j) => j.queue !== "webhook.deliver").map((j) => j.queue)).toEqual(["containment.expire", "containment.expire", "containment.expire", "containment.execute"]);
  });

  it("with webhooks, costs the same statements for three executed containments as for one", async () => {
    const one = await followUp([await containment("ACTIVE", "203.0.113.21")]);
    const three = await followUp([await containment("ACTIVE", "203.0.113.22"), await containment("ACTIVE", "203.0.113.23"), await containment("ACTIVE", "203.0.113.24")]);
    expect(three.statements).toHaveLength(one.statements.length);
    expect(three.sent.filter((j) => j.queue === "webhook.deliver").length).toBe(3 * one.sent.filter((j) => j.queue === "webhook.deliver").length);
  });

  it("logs instead of throwing, and one containment that cannot be announced costs only its own announcement", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const active = await containment("ACTIVE", "203.0.113.4");
    const vanished: TContainmentOutcome = { created: true, id: "00000000-0000-0000-0000-000000000000", status: "ACTIVE", expiresAt, pushConnector: false };
    const run = await followUp([vanished, active]);
    expect(run.sent.map((j) => j.queue)).toEqual(["containment.expire", "containment.expire", "webhook.deliver", "webhook.deliver"]);

    const failing = recordingJobSender();
    let attempts = 0;
    failing.sendMany = async () => {
      attempts++;
      throw new Error("queue unavailable");
    };
    await expect(followUpContainments(db(), failing, [active])).resolves.toBeUndefined();
    expect(attempts).toBe(3);
    expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([
      "[reflex] could not announce a containment to the webhooks:",
      "[reflex] could not enqueue follow-up jobs:",
    ]);
    errors.mockRestore();
  });

  it("tries a failed job insert again, so a blip of the queue loses no job", async () => {
    const active = await containment("ACTIVE", "203.0.113.5");
    const jobs = recordingJobSender();
    const insert = jobs.sendMany.bind(jobs);
    let attempts = 0;
    jobs.sendMany = async (queued) => {
      if (++attempts === 1) throw new Error("connection terminated");
      await insert(queued);
    };
    await followUpContainments(db(), jobs, [active]);
    expect(attempts).toBe(2);
    expect(jobs.sent.map((j) => j.queue)).toContain("containment.expire");
  });
});
