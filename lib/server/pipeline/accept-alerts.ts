import { poolOf, type TDb } from "@/lib/db/client";
import { inPgTransaction, pgRawSql } from "@/lib/db/raw-sql";
import type { TNormalizedAlert } from "@/lib/domain/types";
import type { TJobSender } from "@/lib/jobs/queues";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { logUnexpected } from "@/lib/server/errors";
import { claimsOf, decideInTransaction, followUpGroup, planDecisions, resultOf } from "./decide-alerts";
import { decideIngested, outcomeOf, type TAlertOutcome } from "./decide-ingested";
import { groupCommitter, type TGroupCommitter } from "./group-commit";
import { alertsToStore, MAX_ALERTS_PER_TRANSACTION, storeAlerts, storeAlertsAlone, type TAlertToStore } from "./ingest-alerts";
import { loadPlaybookConfigs } from "./load-playbook-configs";

// POST /api/v1/alerts: the whole loop for alerts arriving now. Requests that arrive while
// the database is busy go together (group-commit.ts), and a group is stored AND decided in
// one transaction: a fixed number of statements for the group, one audit append at its
// end. Under a flood that is what lets two cores keep up (docs/BENCHMARKS.md).
//
// If the group's transaction fails, nothing of it was written; its alerts are then stored
// on their own and decided on their own (decide-ingested.ts), so one bad alert cannot cost
// the others their answer, and a stored alert whose decision fails still gets its 2xx.

type TItem = TAlertToStore & { jobs: TJobSender };
// A group's slot is free once its transaction commits; its requests are answered once the
// group's follow-up jobs are queued too (followUp), which the next group need not wait for.
type TGroupOutcome = { outcome: TAlertOutcome; followUp: Promise<void> };
const NOTHING_TO_FOLLOW_UP = Promise.resolve();

/** The group in one transaction; throws with nothing written. */
async function storeAndDecide(client: TDb, items: TItem[], jobs: TJobSender): Promise<TGroupOutcome[]> {
  const pool = poolOf(client);
  const direct = pgRawSql(pool);
  const configs = await loadPlaybookConfigs(direct);
  const plan = await planDecisions(direct, items.filter((i) => i.alert.target).map((i) => ({ alertId: i.id, alert: i.alert })), configs);
  const { stored, group } = await inPgTransaction(pool, async (tx) => {
    // Stored already in the state their decision gives them, as this transaction decides them.
    const stored = await storeAlerts(tx, items, new Date(), claimsOf(plan));
    // Only the alerts this transaction stored are decided here: a duplicate has (or gets) its decision elsewhere.
    const fresh = new Set(stored.results.filter((r) => !r.duplicate && !r.rejected).map((r) => r.alertId));
    const mine = { handled: plan.handled.filter((h) => fresh.has(h.alertId)), unhandled: plan.unhandled.filter((u) => fresh.has(u.alertId)) };
    return { stored, group: await decideInTransaction(tx, mine, { now: new Date(), leadingAudit: stored.audit, inserted: fresh }) };
  });
  // Follow-up failures are logged, and the sweep resends what is missing; a rejection here
  // must not go unhandled while the request waits for another of its parts.
  const followUp = followUpGroup(client, jobs, group).catch((error: unknown) => void logUnexpected(error, "queuing a group's follow-up jobs"));
  return stored.results.map((r) => ({ outcome: outcomeOf(r, r.duplicate || r.rejected ? null : resultOf(r.alertId, group)), followUp }));
}

/**
 * Rejects only when nothing of the group was written (then the committer tries each request
 * on its own); once alerts are stored, it answers for them whatever happens to their decisions.
 */
async function acceptGroup(client: TDb, items: TItem[]): Promise<TGroupOutcome[]> {
  const jobs = items[0]!.jobs;
  try {
    return await storeAndDecide(client, items, jobs);
  } catch (error) {
    logUnexpected(error, `storing and deciding ${items.length} alerts together; storing them first, then deciding them`);
  }
  const ingested = await storeAlertsAlone(client, items);
  return (await decideIngested(client, ingested, jobs)).map((outcome) => ({ outcome, followUp: NOTHING_TO_FOLLOW_UP }));
}

// One committer per database client and job sender (in practice: one per process). Single
// requests go one group at a time: the next group gathers every request that arrives
// meanwhile, and larger groups cost less CPU per alert (in process, 32 requests in flight:
// 3.5 ms against 5.0 ms when two small groups could run at once; over HTTP since, 441/s
// against 433/s: docs/BENCHMARKS.md). Whole batches may overlap, two at a time.
const committers = new WeakMap<TDb, WeakMap<TJobSender, TGroupCommitter<TItem, TGroupOutcome>>>();

function committerFor(client: TDb, jobs: TJobSender): TGroupCommitter<TItem, TGroupOutcome> {
  const byJobs = committers.get(client) ?? new WeakMap<TJobSender, TGroupCommitter<TItem, TGroupOutcome>>();
  committers.set(client, byJobs);
  let committer = byJobs.get(jobs);
  if (!committer) {
    committer = groupCommitter({
      run: (items) => acceptGroup(client, items),
      maxItems: MAX_ALERTS_PER_TRANSACTION,
      maxInFlight: 2,
      minItemsBeyondFirst: MAX_ALERTS_PER_TRANSACTION / 2,
    });
    byJobs.set(jobs, committer);
  }
  return committer;
}

/** Stores and decides one request's alerts; each outcome says what became of its alert. */
export async function acceptAlerts(
  client: TDb,
  options: { alerts: readonly TNormalizedAlert[]; idempotencyKey?: string | null; actor: TAuditActor; jobs: TJobSender },
): Promise<TAlertOutcome[]> {
  const items = alertsToStore(options).map((item) => ({ ...item, jobs: options.jobs }));
  const committer = committerFor(client, options.jobs);
  // A large request goes in parts, so each transaction stays short.
  const parts: Promise<TGroupOutcome[]>[] = [];
  for (let i = 0; i < items.length; i += MAX_ALERTS_PER_TRANSACTION) parts.push(committer.submit(items.slice(i, i + MAX_ALERTS_PER_TRANSACTION)));
  const grouped = (await Promise.all(parts)).flat();
  await Promise.all(new Set(grouped.map((g) => g.followUp)));
  return grouped.map((g) => g.outcome);
}
