import type { TDb } from "@/lib/db/client";
import type { TJobSender } from "@/lib/jobs/queues";
import { logUnexpected } from "@/lib/server/errors";
import { decideAlerts, type TProcessResult } from "./decide-alerts";
import { MAX_ALERTS_PER_TRANSACTION, type TIngestedAlert } from "./ingest-alerts";
import { loadPlaybookConfigs } from "./load-playbook-configs";

// Decisions for alerts stored already: live traffic whose one-transaction path failed
// (accept-alerts.ts), and the minute sweep's alerts that a crash left undecided.

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

export type TDecideResult = TProcessResult | { status: "failed"; ref: string };

export function outcomeOf(alert: TIngestedAlert, result: TDecideResult | null): TAlertOutcome {
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
 * Decides stored alerts in groups, and never throws: the alerts are durable before this
 * runs, so a failure must not turn the sender's 2xx into an error it would retry (its retry
 * would only be answered "duplicate"). If a group fails, each of its alerts is decided
 * alone, and an alert that still fails says so in its result; the minute sweep
 * (recover-undecided-alerts.ts) tries again later.
 */
export async function decideStoredAlerts(client: TDb, alertIds: readonly string[], jobs: TJobSender): Promise<TDecideResult[]> {
  const results: TDecideResult[] = [];
  for (let i = 0; i < alertIds.length; i += MAX_ALERTS_PER_TRANSACTION) {
    results.push(...(await decideGroup(client, alertIds.slice(i, i + MAX_ALERTS_PER_TRANSACTION), jobs)));
  }
  return results;
}

async function decideGroup(client: TDb, alertIds: readonly string[], jobs: TJobSender): Promise<TDecideResult[]> {
  try {
    // One read of the playbooks' tuning per group: a group is judged by one version of each.
    const configs = await loadPlaybookConfigs(client);
    return await decideAlerts(client, { alertIds, jobs, configs });
  } catch (error) {
    if (alertIds.length === 1) return [{ status: "failed", ref: logUnexpected(error, `deciding alert ${alertIds[0]}`) }];
    const results: TDecideResult[] = [];
    for (const alertId of alertIds) {
      try {
        results.push(...(await decideAlerts(client, { alertIds: [alertId], jobs })));
      } catch (alone) {
        results.push({ status: "failed", ref: logUnexpected(alone, `deciding alert ${alertId}`) });
      }
    }
    return results;
  }
}

/** Decides the new alerts of a stored request; one outcome per alert, duplicates included. */
export async function decideIngested(client: TDb, alerts: readonly TIngestedAlert[], jobs: TJobSender): Promise<TAlertOutcome[]> {
  const fresh = alerts.filter((a) => !a.duplicate && !a.rejected).map((a) => a.alertId);
  const results = await decideStoredAlerts(client, fresh, jobs);
  const byId = new Map(fresh.map((id, i) => [id, results[i]!]));
  return alerts.map((a) => outcomeOf(a, byId.get(a.alertId) ?? null));
}
