import type { TDb } from "@/lib/db/client";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import type { TEnforcementWatch } from "./enforcement-watch";
import type { THttpClient } from "./http-client";

// "0 lost", checked after the load: every alert answered 2xx is in the database and was
// decided; every address with verdict execute is on the blocklist now and reached the
// bouncer; every containment has exactly one CONTAINMENT_EXECUTED event; and `reflex audit
// verify` passes. A block delivered twice is counted apart: the stream allows it by design
// (read-decision-stream.ts), the requirement asks for exactly once.

export type TLossCheck = {
  acceptedAlerts: number;
  missingAlerts: number;
  /** Answered 2xx but never decided. */
  undecidedAlerts: number;
  /**
   * Stored, undecided, and answered with an error (the decision failed after the alert
   * committed): not lost — the minute sweep decides them when job workers run — but a
   * retry of the request is answered "duplicate", without a verdict.
   */
  storedWithoutAnswer: number;
  executedTargets: number;
  missingFromFeed: number;
  /** Null when the stream was not watched; counts blocks not delivered before the watch ended. */
  notDeliveredByStream: number | null;
  deliveredMoreThanOnce: number | null;
  containmentsWithoutOneExecutedEvent: number;
  audit: { ok: boolean; events: number; chains: number; ms: number; broken: string[] };
  ok: boolean;
};

const CHUNK = 5000;

async function countAlerts(client: TDb, ids: string[], where: { status?: "RECEIVED" } = {}): Promise<number> {
  let found = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    found += await client.alert.count({ where: { ...where, id: { in: ids.slice(i, i + CHUNK) } } });
  }
  return found;
}

function readFeed(http: THttpClient, token: string) {
  return http.request({ method: "GET", path: "/api/v1/feeds/blocklist.txt", headers: { authorization: `Bearer ${token}` }, timeoutMs: 60_000 });
}

export async function checkNoLoss(
  client: TDb,
  options: { acceptedIds: string[]; executedIps: string[]; http: THttpClient; feedToken: string; watch: TEnforcementWatch | null },
): Promise<TLossCheck> {
  const { acceptedIds, executedIps, watch } = options;
  const missingAlerts = acceptedIds.length - (await countAlerts(client, acceptedIds));
  const undecidedAlerts = await countAlerts(client, acceptedIds, { status: "RECEIVED" });
  const storedWithoutAnswer = (await client.alert.count({ where: { status: "RECEIVED" } })) - undecidedAlerts;

  // A few attempts: under embedded mode's wire-protocol interleaving a read can fail once.
  let feed = await readFeed(options.http, options.feedToken);
  for (let attempt = 1; feed.status !== 200 && attempt < 5; attempt++) {
    await new Promise((r) => setTimeout(r, 500));
    feed = await readFeed(options.http, options.feedToken);
  }
  if (feed.status !== 200) throw new Error(`the blocklist feed answered ${feed.status} five times in a row`);
  const onFeed = new Set(feed.body.split("\n").filter(Boolean));
  const missingFromFeed = executedIps.filter((ip) => !onFeed.has(ip)).length;

  const notDeliveredByStream = watch ? executedIps.filter((ip) => !watch.streamDeliveries.has(ip)).length : null;
  const deliveredMoreThanOnce = watch ? [...watch.streamDeliveries.values()].filter((n) => n > 1).length : null;

  const [trail] = await client.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS "n" FROM "Containment" c
    LEFT JOIN (SELECT "containmentId", count(*) AS "n" FROM "AuditEvent" WHERE "type" = 'CONTAINMENT_EXECUTED' GROUP BY 1) e
      ON e."containmentId" = c."id"
    WHERE c."status" = 'ACTIVE' AND coalesce(e."n", 0) <> 1`;
  const containmentsWithoutOneExecutedEvent = Number(trail?.n ?? 0);

  const started = performance.now();
  const reports = await verifyAuditChain(client);
  const audit = {
    ok: reports.every((r) => r.ok),
    events: reports.reduce((n, r) => n + r.events, 0),
    chains: reports.length,
    ms: performance.now() - started,
    broken: reports.flatMap((r) => (r.ok ? [] : [`chain ${r.partition} at position ${r.brokenAtSeq}: ${r.reason}`])),
  };

  return {
    acceptedAlerts: acceptedIds.length,
    missingAlerts,
    undecidedAlerts,
    storedWithoutAnswer,
    executedTargets: executedIps.length,
    missingFromFeed,
    notDeliveredByStream,
    deliveredMoreThanOnce,
    containmentsWithoutOneExecutedEvent,
    audit,
    ok:
      missingAlerts === 0 &&
      undecidedAlerts === 0 &&
      missingFromFeed === 0 &&
      (notDeliveredByStream ?? 0) === 0 &&
      containmentsWithoutOneExecutedEvent === 0 &&
      audit.ok,
  };
}
