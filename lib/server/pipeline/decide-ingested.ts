import type { TDb } from "@/lib/db/client";
import type { TJobSender } from "@/lib/jobs/queues";
import { logUnexpected } from "@/lib/server/errors";
import { decideAlerts, type TProcessResult } from "./decide-alerts";
import { groupCommitter, type TGroupCommitter } from "./group-commit";
import type { TIngestedAlert } from "./ingest-alerts";
import { loadPlaybookConfigs } from "./load-playbook-configs";

// Decisions for freshly stored alerts. Alerts of requests arriving together are decided
// together (group-commit.ts), in groups of up to GROUP alerts: a group costs a fixed number
// of statements, which is what lets a flood through on two cores (docs/BENCHMARKS.md).

const GROUP = 250;

export type TAlertOutcome = {
  id: string;
  externalId: string;
  duplicate: boolean;
  rejected: string | null;
  verdict: string | null;
  containmentId: string | null;
  escalationId: string | null;
  note: string | null;
};

type TItem = { alertId: string; jobs: TJobSender };
type TResult = TProcessResult | { status: "failed"; ref: string };

function outcomeOf(alert: TIngestedAlert, result: TResult | null): TAlertOutcome {
  const base = { id: alert.alertId, externalId: alert.externalId, duplicate: alert.duplicate, rejected: alert.rejected };
  if (!result || result.status !== "decided") {
    const note =
      result?.status === "failed"
        ? `stored, but finishing its decision failed (ref ${result.ref}): Reflex retries within a minute`
        : (result?.reason ?? null);
    return { ...base, verdict: null, containmentId: null, escalationId: null, note };
  }
  const c = result.recorded.containment;
  return {
    ...base,
    verdict: result.decision.verdict,
    containmentId: c ? (c.created ? c.id : c.existingId) : null,
    escalationId: result.recorded.escalationId,
    note: c && !c.created ? "already contained: the existing containment stays in force" : null,
  };
}

/**
 * The alerts are durable before this runs, so a failure here must not turn the sender's
 * 2xx into an error it would retry (its retry would only be answered "duplicate"): if a
 * group fails, each of its alerts is decided alone, and an alert that still fails says so
 * in its outcome; the minute sweep (recover-undecided-alerts.ts) finishes what was left.
 */
async function decideGroup(client: TDb, items: TItem[]): Promise<TResult[]> {
  const jobs = items[0]!.jobs;
  // One read of the playbooks' tuning per group: a group is judged by one version of each.
  const configs = await loadPlaybookConfigs(client);
  try {
    return await decideAlerts(client, { alertIds: items.map((i) => i.alertId), jobs, configs });
  } catch (error) {
    if (items.length === 1) return [{ status: "failed", ref: logUnexpected(error, `deciding alert ${items[0]!.alertId}`) }];
    const results: TResult[] = [];
    for (const item of items) {
      try {
        results.push(...(await decideAlerts(client, { alertIds: [item.alertId], jobs, configs })));
      } catch (alone) {
        results.push({ status: "failed", ref: logUnexpected(alone, `deciding alert ${item.alertId}`) });
      }
    }
    return results;
  }
}

// One committer per database client and job sender (in practice: one per process).
const committers = new WeakMap<TDb, WeakMap<TJobSender, TGroupCommitter<TItem, TResult>>>();

function committerFor(client: TDb, jobs: TJobSender): TGroupCommitter<TItem, TResult> {
  const byJobs = committers.get(client) ?? new WeakMap<TJobSender, TGroupCommitter<TItem, TResult>>();
  committers.set(client, byJobs);
  let committer = byJobs.get(jobs);
  if (!committer) {
    committer = groupCommitter({ run: (items) => decideGroup(client, items), maxInFlight: 2, maxItems: GROUP });
    byJobs.set(jobs, committer);
  }
  return committer;
}

export async function decideIngested(client: TDb, alerts: TIngestedAlert[], jobs: TJobSender): Promise<TAlertOutcome[]> {
  const fresh = alerts.filter((a) => !a.duplicate && !a.rejected);
  const committer = committerFor(client, jobs);
  // A large request goes in groups of its own size limit, so each group's transaction stays short.
  const parts: Promise<TResult[]>[] = [];
  for (let i = 0; i < fresh.length; i += GROUP) parts.push(committer.submit(fresh.slice(i, i + GROUP).map((a) => ({ alertId: a.alertId, jobs }))));
  const decided = (await Promise.all(parts)).flat();
  const byId = new Map(fresh.map((a, i) => [a.alertId, decided[i]!]));
  return alerts.map((a) => outcomeOf(a, byId.get(a.alertId) ?? null));
}
