import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { readSharedText } from "@/lib/ingest/test-samples";
import { parseSshdLog } from "@/lib/ingest/sshd";
import { recordingJobSender } from "@/lib/jobs/queues";
import { SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import { releaseContainment } from "@/lib/server/containments/release-containment";
import { NO_FILTER } from "@/lib/server/enforcement/decision-filter";
import { awaitHorizonPastChanges } from "@/lib/server/enforcement/test-fixtures";
import { readBlocklist } from "@/lib/server/enforcement/read-blocklist";
import { readDecisionStream } from "@/lib/server/enforcement/read-decision-stream";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { seedDemo } from "@/prisma/seed-demo";
import { ingestContextEvents } from "./ingest-context-events";

// The acceptance run of the loop on real data: loghub's OpenSSH_2k.log through ingestion,
// detection, the legitimate-traffic check, blocking, the feeds, and release.

const ATTACKER = "183.62.140.253";
const LEGITIMATE = "119.137.62.142";
let bouncer: string;

beforeAll(async () => {
  await seedDemo(db());
  bouncer = (await createApiToken(db(), { input: { name: "edge-bouncer", scope: "bouncer" }, actor: SYSTEM_ACTOR })).id;
  const { events } = parseSshdLog(readSharedText("datasets/loghub/OpenSSH_2k.log"), { reference: new Date("2016-01-01T00:00:00Z") });
  for (let i = 0; i < events.length; i += 200) {
    await ingestContextEvents(db(), { events: events.slice(i, i + 200), jobs: recordingJobSender(), actor: SYSTEM_ACTOR });
  }
}, 120_000);

describe("replaying OpenSSH_2k.log", () => {
  it("blocks the brute-force source and puts it on the feed and the bouncer stream", async () => {
    const containment = await db().containment.findFirstOrThrow({ where: { targetValue: ATTACKER, status: "ACTIVE" } });
    expect(containment.action).toBe("block_ip");
    expect((await readBlocklist(db())).body.split("\n")).toContain(ATTACKER);
    const stream = await readDecisionStream(db(), { tokenId: bouncer, startup: true, filter: NO_FILTER });
    expect(stream.new.map((d) => d.value)).toContain(ATTACKER);
  });

  it("gives the block a reason a person can read", async () => {
    const executed = await db().auditEvent.findFirstOrThrow({ where: { subjectValue: ATTACKER, type: "CONTAINMENT_EXECUTED" } });
    expect(executed.summary).toMatch(/^Blocked 183\.62\.140\.253 at the perimeter for 4h — .*failed.* — confidence 0\.9\d, blast radius 0 — policy v1 signed by Camille Ortiz$/);
  });

  it("never blocks the address that logged in successfully", async () => {
    expect(await db().containment.count({ where: { targetValue: LEGITIMATE } })).toBe(0);
    expect((await readBlocklist(db())).body).not.toContain(LEGITIMATE);
  });

  it("removes a released address from the feed and lists it as deleted on the next poll", async () => {
    const containment = await db().containment.findFirstOrThrow({ where: { targetValue: ATTACKER, status: "ACTIVE" } });
    await readDecisionStream(db(), { tokenId: bouncer, startup: true, filter: NO_FILTER });
    await releaseContainment(db(), { containmentId: containment.id, request: { reason: "false positive" }, actor: SYSTEM_ACTOR, jobs: recordingJobSender() });
    expect((await readBlocklist(db())).body.split("\n")).not.toContain(ATTACKER);
    // The stream's horizon is server-wide: other test files' open transactions may hold it.
    await awaitHorizonPastChanges(db());
    const delta = await readDecisionStream(db(), { tokenId: bouncer, startup: false, filter: NO_FILTER });
    expect(delta.deleted.map((d) => d.value)).toContain(ATTACKER);
    expect(delta.new.map((d) => d.value)).not.toContain(ATTACKER);
  });

  it("leaves an audit log that verifies", async () => {
    expect((await verifyAuditChain(db())).filter((r) => !r.ok)).toEqual([]);
  });
});
