import type { TDb } from "@/lib/db/client";
import { decide } from "@/lib/domain/decide";
import type { TDecision, TNormalizedAlert, TProposal } from "@/lib/domain/types";
import type { TJobSender } from "@/lib/jobs/queues";
import type { TContextAnswers } from "@/lib/playbooks/context-questions";
import { answerQuestions } from "@/lib/server/context/context-store";
import { alertFromRow } from "./alert-from-row";
import { loadPlaybookConfigs, type TPlaybookConfig } from "./load-playbook-configs";
import { recordDecision, type TRecordedDecision } from "./record-decision";
import { loadDecisionState } from "./load-decision-state";

// Steps 2–6 of the loop for one stored alert: observe (context), assess (playbook),
// decide (the one decision function), act and sign (record-decision.ts).

export type TProcessResult =
  | { status: "decided"; alertId: string; decision: TDecision; recorded: TRecordedDecision }
  | { status: "skipped"; alertId: string; reason: string };

function selectConfig(alert: TNormalizedAlert, configs: TPlaybookConfig[]): TPlaybookConfig | null {
  return configs.find((c) => c.enabled && c.playbook.matches(alert)) ?? null;
}

async function observe(client: TDb, config: TPlaybookConfig, alert: TNormalizedAlert): Promise<TContextAnswers | null> {
  try {
    return await answerQuestions(client, config.playbook.questions(alert, config.params));
  } catch (error) {
    console.error("[reflex] context source unavailable:", (error as Error).message);
    return null;
  }
}

export async function processAlert(
  client: TDb,
  options: { alertId: string; jobs: TJobSender; now?: () => Date; configs?: TPlaybookConfig[] },
): Promise<TProcessResult> {
  const clock = options.now ?? (() => new Date());
  const row = await client.alert.findUnique({ where: { id: options.alertId } });
  if (!row) return { status: "skipped", alertId: options.alertId, reason: "no such alert" };
  if (row.status !== "RECEIVED") return { status: "skipped", alertId: row.id, reason: `alert already ${row.status.toLowerCase()}` };
  const alert = alertFromRow(row);
  const configs = options.configs ?? (await loadPlaybookConfigs(client));
  const config = selectConfig(alert, configs);
  if (!config || !alert.target) {
    await recordDecision(client, { kind: "unhandled", alertId: row.id, alert, jobs: options.jobs, now: clock() });
    return { status: "skipped", alertId: row.id, reason: "no enabled playbook handles this alert" };
  }
  // Context is read before the decision's transaction: it is the slow, read-only part, and
  // in embedded mode nothing may wait on a second connection while a transaction is open.
  const answers = await observe(client, config, alert);
  const recorded = await recordDecision(client, {
    kind: "decide",
    alertId: row.id,
    alert,
    jobs: options.jobs,
    now: clock(),
    evaluate: async (tx, now) => {
      const state = await loadDecisionState(tx, alert.target!, now);
      const proposal: TProposal = config.playbook.propose({
        alert,
        params: config.params,
        version: config.version,
        answers,
        registrations: state.registrations,
      });
      const decision = decide({ proposal, ...state, now });
      return { proposal, decision, policy: state.policy, webhookConfigured: state.webhookConfigured };
    },
  });
  if (!recorded) return { status: "skipped", alertId: row.id, reason: "decided concurrently by another worker" };
  return { status: "decided", alertId: row.id, decision: recorded.decision, recorded };
}
