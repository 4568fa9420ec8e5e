import type { TDb } from "@/lib/db/client";
import type { TJobSender } from "@/lib/jobs/queues";
import { logUnexpected } from "@/lib/server/errors";
import type { TIngestedAlert } from "./ingest-alerts";
import { loadPlaybookConfigs, type TPlaybookConfig } from "./load-playbook-configs";
import { processAlert, type TProcessResult } from "./process-alert";

// Decisions for freshly stored alerts, a few at a time: enough to keep both cores busy on
// PostgreSQL. Embedded PGlite runs their transactions one after another on its single
// session (lib/db/wire-server.ts), which measured no slower than deciding one at a time.
const CONCURRENCY = 4;

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

function outcomeOf(alert: TIngestedAlert, result: TProcessResult | null): TAlertOutcome {
  const base = { id: alert.alertId, externalId: alert.externalId, duplicate: alert.duplicate, rejected: alert.rejected };
  if (!result || result.status === "skipped") {
    return { ...base, verdict: null, containmentId: null, escalationId: null, note: result?.reason ?? null };
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
 * The alert is durable before this runs, so a failure here must not turn the sender's 2xx
 * into an error it would retry (its retry would only be answered "duplicate"): the outcome
 * says so, and the minute sweep (recover-undecided-alerts.ts, and the follow-up sweep for
 * containments) finishes what was left.
 */
async function decideOne(client: TDb, alert: TIngestedAlert, jobs: TJobSender, configs: TPlaybookConfig[]): Promise<TAlertOutcome> {
  try {
    return outcomeOf(alert, await processAlert(client, { alertId: alert.alertId, jobs, configs }));
  } catch (error) {
    const ref = logUnexpected(error, `deciding alert ${alert.alertId}`);
    return { ...outcomeOf(alert, null), note: `stored, but finishing its decision failed (ref ${ref}): Reflex retries within a minute` };
  }
}

export async function decideIngested(client: TDb, alerts: TIngestedAlert[], jobs: TJobSender): Promise<TAlertOutcome[]> {
  const results = new Array<TAlertOutcome>(alerts.length);
  // One read of the playbooks' tuning per request: a batch is judged by one version of each.
  const configs = alerts.some((a) => !a.duplicate && !a.rejected) ? await loadPlaybookConfigs(client) : [];
  let next = 0;
  const worker = async () => {
    while (next < alerts.length) {
      const i = next++;
      const alert = alerts[i]!;
      const fresh = !alert.duplicate && !alert.rejected;
      results[i] = fresh ? await decideOne(client, alert, jobs, configs) : outcomeOf(alert, null);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, alerts.length) }, worker));
  return results;
}
