import type { TDb } from "@/lib/db/client";
import { decide } from "@/lib/domain/decide";
import type { TDecision, TNormalizedAlert } from "@/lib/domain/types";
import type { TJobSender } from "@/lib/jobs/queues";
import type { TContextAnswers } from "@/lib/playbooks/context-questions";
import { followUpContainments } from "@/lib/server/containments/follow-up-containment";
import { answerQuestionSets } from "@/lib/server/context/context-store";
import { alertFromRow } from "./alert-from-row";
import { loadDecisionStates } from "./load-decision-state";
import { loadPlaybookConfigs, type TPlaybookConfig } from "./load-playbook-configs";
import { claimReceivedAlerts, rejectionAudit, writeDecisions, type TEvaluation, type TRecordedDecision } from "./record-decisions";

// Steps 2–6 of the loop for stored alerts: observe (context), assess (playbook), decide
// (the one decision function), act and sign (record-decisions.ts). A batch of alerts costs
// a fixed number of statements, so one alert or five hundred take the same path.

export type TProcessResult =
  | { status: "decided"; alertId: string; decision: TDecision; recorded: TRecordedDecision }
  | { status: "skipped"; alertId: string; reason: string };

// Under a flood, waiting for a connection or a partition's chain head can exceed Prisma's
// default 5 s: a decision is slow then, but must not be dropped.
const DECISION_TX = { timeout: 60_000, maxWait: 30_000 };

type THandled = { alertId: string; alert: TNormalizedAlert; config: TPlaybookConfig };

function selectConfig(alert: TNormalizedAlert, configs: readonly TPlaybookConfig[]): TPlaybookConfig | null {
  return configs.find((c) => c.enabled && c.playbook.matches(alert)) ?? null;
}

/** Context is read before the decision's transaction: it is the slow, read-only part. */
async function observe(client: TDb, handled: readonly THandled[]): Promise<(TContextAnswers | null)[]> {
  try {
    return await answerQuestionSets(client, handled.map((h) => h.config.playbook.questions(h.alert, h.config.params)));
  } catch (error) {
    console.error("[reflex] context source unavailable:", (error as Error).message);
    return handled.map(() => null);
  }
}

export async function decideAlerts(
  client: TDb,
  options: { alertIds: readonly string[]; jobs: TJobSender; now?: () => Date; configs?: readonly TPlaybookConfig[] },
): Promise<TProcessResult[]> {
  const clock = options.now ?? (() => new Date());
  const rows = options.alertIds.length ? await client.alert.findMany({ where: { id: { in: [...options.alertIds] } } }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const waiting = rows.filter((r) => r.status === "RECEIVED");
  const configs = waiting.length && !options.configs ? await loadPlaybookConfigs(client) : (options.configs ?? []);

  const handled: THandled[] = [];
  const unhandled: { alertId: string; alert: TNormalizedAlert; reason: string }[] = [];
  for (const row of waiting) {
    const alert = alertFromRow(row);
    const config = selectConfig(alert, configs);
    if (config && alert.target) handled.push({ alertId: row.id, alert, config });
    else unhandled.push({ alertId: row.id, alert, reason: `No enabled playbook handles rule "${alert.ruleId}"; the alert is kept for context.` });
  }
  const answers = handled.length ? await observe(client, handled) : [];
  const now = clock();

  const outcome = await client.$transaction(async (tx) => {
    const claimed = await claimReceivedAlerts(tx, [
      ...handled.map((h) => ({ alertId: h.alertId, status: "DECIDED" as const, rejectReason: null })),
      ...unhandled.map((u) => ({ alertId: u.alertId, status: "REJECTED" as const, rejectReason: u.reason })),
    ]);
    const mine = handled.map((h, i) => ({ ...h, answers: answers[i]! })).filter((h) => claimed.has(h.alertId));
    const states = await loadDecisionStates(tx, mine.map((h) => h.alert.target!), now);
    const decided = mine.map((h, i) => {
      const state = states[i]!;
      const proposal = h.config.playbook.propose({ alert: h.alert, params: h.config.params, version: h.config.version, answers: h.answers, registrations: state.registrations });
      const evaluation: TEvaluation = { proposal, decision: decide({ proposal, ...state, now }), policy: state.policy, registrations: state.registrations };
      return { alertId: h.alertId, evaluation };
    });
    const rejections = unhandled.filter((u) => claimed.has(u.alertId)).map((u) => rejectionAudit(u.alertId, u.alert, u.reason));
    const recorded = await writeDecisions(tx, decided, { now, webhookConfigured: states[0]?.webhookConfigured ?? false, rejections });
    return { claimed, recorded: new Map(decided.map((d, i) => [d.alertId, recorded[i]!])) };
  }, DECISION_TX);

  await followUpContainments(client, options.jobs, [...outcome.recorded.values()].map((r) => r.containment));
  return options.alertIds.map((alertId): TProcessResult => {
    const recorded = outcome.recorded.get(alertId);
    if (recorded) return { status: "decided", alertId, decision: recorded.decision, recorded };
    const row = byId.get(alertId);
    if (!row) return { status: "skipped", alertId, reason: "no such alert" };
    if (row.status !== "RECEIVED") return { status: "skipped", alertId, reason: `alert already ${row.status.toLowerCase()}` };
    if (outcome.claimed.has(alertId)) {
      return { status: "skipped", alertId, reason: "no enabled playbook handles this alert" };
    }
    return { status: "skipped", alertId, reason: "decided concurrently by another worker" };
  });
}
