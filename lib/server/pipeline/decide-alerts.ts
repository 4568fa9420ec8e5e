import type { TDb } from "@/lib/db/client";
import type { TRawSql } from "@/lib/db/raw-sql";
import { decide } from "@/lib/domain/decide";
import type { TDecision, TNormalizedAlert } from "@/lib/domain/types";
import type { AuditType } from "@/lib/generated/prisma";
import type { TJobSender } from "@/lib/jobs/queues";
import type { TContextAnswers } from "@/lib/playbooks/context-questions";
import type { TAuditInput } from "@/lib/server/audit/append-audit";
import { followUpContainments } from "@/lib/server/containments/follow-up-containment";
import { answerQuestionSets } from "@/lib/server/context/context-store";
import { alertFromRow } from "./alert-from-row";
import type { TStoredClaim } from "./ingest-alerts";
import { loadDecisionStates } from "./load-decision-state";
import { loadPlaybookConfigs, type TPlaybookConfig } from "./load-playbook-configs";
import { claimReceivedAlerts, rejectionAudit, writeDecisions, type TEvaluation, type TRecordedDecision } from "./record-decisions";

// Steps 2–6 of the loop for stored alerts: observe (context), assess (playbook), decide
// (the one decision function), act and sign (record-decisions.ts). A group of alerts costs
// a fixed number of statements, so one alert or five hundred take the same path.

export type TProcessResult =
  | { status: "decided"; alertId: string; decision: TDecision; recorded: TRecordedDecision }
  | { status: "skipped"; alertId: string; reason: string };

/** An alert as stored (or being stored in the same transaction): its id and its content. */
export type TStoredAlert = { alertId: string; alert: TNormalizedAlert };

type THandled = TStoredAlert & { config: TPlaybookConfig; answers: TContextAnswers | null };
type TUnhandled = TStoredAlert & { reason: string };

/** Which playbook handles each alert, with the context it asked for. */
export type TDecisionPlan = { handled: THandled[]; unhandled: TUnhandled[] };

/** What a group's transaction decided: the alerts it claimed, and each decided one's record. */
export type TGroupDecisions = { claimed: Set<string>; recorded: Map<string, TRecordedDecision>; webhookConfigured: boolean };

// Under a flood, waiting for a connection or a partition's chain head can exceed Prisma's
// default 5 s: a decision is slow then, but must not be dropped.
const DECISION_TX = { timeout: 60_000, maxWait: 30_000 };

/**
 * Observe and pick the playbook, before any transaction: context is the slow, read-only
 * part, and a failing context source leaves the policy's fail mode to decide (answers null).
 */
export async function planDecisions(client: TRawSql, alerts: readonly TStoredAlert[], configs: readonly TPlaybookConfig[]): Promise<TDecisionPlan> {
  const handled: Omit<THandled, "answers">[] = [];
  const unhandled: TUnhandled[] = [];
  for (const stored of alerts) {
    const config = configs.find((c) => c.enabled && c.playbook.matches(stored.alert)) ?? null;
    if (config && stored.alert.target) handled.push({ ...stored, config });
    else unhandled.push({ ...stored, reason: `No enabled playbook handles rule "${stored.alert.ruleId}"; the alert is kept for context.` });
  }
  const answers = await observe(client, handled);
  return { handled: handled.map((h, i) => ({ ...h, answers: answers[i]! })), unhandled };
}

/**
 * The group's context in one go; if that fails, each alert's alone, so one alert's bad
 * question (or a failure of the store) leaves "unavailable" only where it still fails.
 */
async function observe(client: TRawSql, handled: readonly Omit<THandled, "answers">[]): Promise<(TContextAnswers | null)[]> {
  if (handled.length === 0) return [];
  const asked = (h: Omit<THandled, "answers">) => h.config.playbook.questions(h.alert, h.config.params);
  try {
    return await answerQuestionSets(client, handled.map(asked));
  } catch (error) {
    if (handled.length === 1) return [unavailable(error)];
  }
  const answers: (TContextAnswers | null)[] = [];
  for (const h of handled) answers.push(await (async () => (await answerQuestionSets(client, [asked(h)]))[0]!)().catch(unavailable));
  return answers;
}

function unavailable(error: unknown): null {
  console.error("[reflex] context source unavailable:", (error as Error).message);
  return null;
}

/** The state each planned alert takes once decided: what its claim sets. */
export function claimsOf(plan: TDecisionPlan): Map<string, TStoredClaim> {
  return new Map<string, TStoredClaim>([
    ...plan.handled.map((h) => [h.alertId, { status: "DECIDED", rejectReason: null }] as const),
    ...plan.unhandled.map((u) => [u.alertId, { status: "REJECTED", rejectReason: u.reason }] as const),
  ]);
}

/**
 * Claims the plan's alerts in the caller's transaction, decides each claimed one with the
 * state read once for the group, and writes and signs it all. `leadingAudit` (the caller's
 * own lines, such as "alert received") goes first in the group's one audit append.
 * `inserted`: alerts this transaction stored already in their claimed state (claimsOf),
 * which no other transaction can see, let alone claim: they are this one's without a claim.
 */
export async function decideInTransaction(
  tx: TRawSql,
  plan: TDecisionPlan,
  options: { now: Date; leadingAudit?: readonly TAuditInput<AuditType>[]; inserted?: ReadonlySet<string> },
): Promise<TGroupDecisions> {
  const { now } = options;
  const inserted = options.inserted ?? new Set<string>();
  const claims = claimsOf(plan);
  const toClaim = [...claims].filter(([alertId]) => !inserted.has(alertId)).map(([alertId, claim]) => ({ alertId, ...claim }));
  // The claim and the state go out together (the driver queues the second on the same
  // connection): the state is read for every handled alert, and used for those claimed.
  const [claimedNow, states] = await Promise.all([
    claimReceivedAlerts(tx, toClaim),
    loadDecisionStates(tx, plan.handled.map((h) => h.alert.target!), now),
  ]);
  const claimed = new Set([...claims.keys()].filter((alertId) => inserted.has(alertId) || claimedNow.has(alertId)));
  const mine = plan.handled.flatMap((h, i) => (claimed.has(h.alertId) ? [{ ...h, state: states[i]! }] : []));
  const decided = mine.map(({ state, ...h }) => {
    const proposal = h.config.playbook.propose({ alert: h.alert, params: h.config.params, version: h.config.version, answers: h.answers, registrations: state.registrations });
    const evaluation: TEvaluation = { proposal, decision: decide({ proposal, ...state, now }), policy: state.policy, registrations: state.registrations };
    return { alertId: h.alertId, evaluation };
  });
  const rejections = plan.unhandled.filter((u) => claimed.has(u.alertId)).map((u) => rejectionAudit(u.alertId, u.alert, u.reason));
  const webhookConfigured = states[0]?.webhookConfigured ?? false;
  const recorded = await writeDecisions(tx, decided, { now, webhookConfigured, leadingAudit: [...(options.leadingAudit ?? []), ...rejections] });
  return { claimed, recorded: new Map(decided.map((d, i) => [d.alertId, recorded[i]!])), webhookConfigured };
}

/** After the commit: the jobs the group's new containments need (never for a rolled-back one). */
export function followUpGroup(client: TDb, jobs: TJobSender, group: TGroupDecisions): Promise<void> {
  return followUpContainments(client, jobs, [...group.recorded.values()].map((r) => r.containment), { webhookConfigured: group.webhookConfigured });
}

/** Decides stored alerts by id: the sweep's path, and any caller with its own clock. */
export async function decideAlerts(
  client: TDb,
  options: { alertIds: readonly string[]; jobs: TJobSender; now?: () => Date; configs?: readonly TPlaybookConfig[] },
): Promise<TProcessResult[]> {
  const clock = options.now ?? (() => new Date());
  const rows = options.alertIds.length ? await client.alert.findMany({ where: { id: { in: [...options.alertIds] } } }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const waiting = rows.filter((r) => r.status === "RECEIVED").map((r) => ({ alertId: r.id, alert: alertFromRow(r) }));
  const configs = waiting.length && !options.configs ? await loadPlaybookConfigs(client) : (options.configs ?? []);
  const plan = await planDecisions(client, waiting, configs);
  const now = clock();
  const group = await client.$transaction((tx) => decideInTransaction(tx, plan, { now }), DECISION_TX);
  await followUpGroup(client, options.jobs, group);
  return options.alertIds.map((alertId) => {
    const row = byId.get(alertId);
    if (!row) return { status: "skipped", alertId, reason: "no such alert" };
    if (row.status !== "RECEIVED") return { status: "skipped", alertId, reason: `alert already ${row.status.toLowerCase()}` };
    return resultOf(alertId, group);
  });
}

/** One alert's result from its group's decisions. */
export function resultOf(alertId: string, group: TGroupDecisions): TProcessResult {
  const recorded = group.recorded.get(alertId);
  if (recorded) return { status: "decided", alertId, decision: recorded.decision, recorded };
  if (group.claimed.has(alertId)) return { status: "skipped", alertId, reason: "no enabled playbook handles this alert" };
  return { status: "skipped", alertId, reason: "decided concurrently by another worker" };
}
