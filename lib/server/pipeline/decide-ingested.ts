import type { TDb } from "@/lib/db/client";
import type { TJobSender } from "@/lib/jobs/queues";
import { logUnexpected } from "@/lib/server/errors";
import { decideAlerts, type TProcessResult } from "./decide-alerts";
import type { TIngestedAlert } from "./ingest-alerts";
import { loadPlaybookConfigs } from "./load-playbook-configs";

// Decisions for alerts stored already (ingest-alerts.ts): the path of alerts Reflex raises
// itself, and of live traffic whose one-transaction path failed (accept-alerts.ts).

export const GROUP = 500;

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
 * The alerts are durable before this runs, so a failure here must not turn the sender's
 * 2xx into an error it would retry (its retry would only be answered "duplicate"): if a
 * group fails, each of its alerts is decided alone, and an alert that still fails says so
 * in its outcome; the minute sweep (recover-undecided-alerts.ts) finishes what was left.
 */
async function decideGroup(client: TDb, alertIds: string[], jobs: TJobSender): Promise<TDecideResult[]> {
  // One read of the playbooks' tuning per group: a group is judged by one version of each.
  const configs = await loadPlaybookConfigs(client);
  try {
    return await decideAlerts(client, { alertIds, jobs, configs });
  } catch (error) {
    if (alertIds.length === 1) return [{ status: "failed", ref: logUnexpected(error, `deciding alert ${alertIds[0]}`) }];
    const results: TDecideResult[] = [];
    for (const alertId of alertIds) {
      try {
        results.push(...(await decideAlerts(client, { alertIds: [alertId], jobs, configs })));
      } catch (alone) {
        results.push({ status: "failed", ref: logUnexpected(alone, `deciding alert ${alertId}`) });
      }
    }
    return results;
  }
}

export async function decideIngested(client: TDb, alerts: readonly TIngestedAlert[], jobs: TJobSender): Promise<TAlertOutcome[]> {
  const fresh = alerts.filter((a) => !a.duplicate && !a.rejected).map((a) => a.alertId);
  const byId = new Map<string, TDecideResult>();
  for (let i = 0; i < fresh.length; i += GROUP) {
    const ids = fresh.slice(i, i + GROUP);
    (await decideGroup(client, ids, jobs)).forEach((result, j) => byId.set(ids[j]!, result));
  }
  return alerts.map((a) => outcomeOf(a, byId.get(a.alertId) ?? null));
}
