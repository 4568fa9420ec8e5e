import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { backtestDecision, summarizeBacktest, type TBacktestRow, type TBacktestSummary } from "@/lib/domain/policy-backtest";
import { buildRegistrationIndex } from "@/lib/domain/registration-index";
import { ZPolicyDocument } from "@/lib/domain/policy-schema";
import type { TActivePolicy } from "@/lib/domain/types";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";
import { loadActivePolicy } from "./load-active-policy";
import { loadProtectedList } from "./load-protected-list";
import { loadRecordedDecisions } from "./load-recorded-decisions";
import { requirePolicyPermission } from "./policy-guard";

export const DEFAULT_BACKTEST_DAYS = 30;

export const ZBacktestRequest = z.object({
  versionId: z.string().min(1),
  windowDays: z.number("Give the window as a number of days.").int("Give the window as a whole number of days.").min(1, "The window is at least 1 day.").max(90, "The window is at most 90 days.").default(DEFAULT_BACKTEST_DAYS),
});
export type TBacktestRequest = z.input<typeof ZBacktestRequest>;

/** Rows listed on the page; the counts always cover every decision. */
const LISTED = 200;

export type TBacktestResult = {
  version: number;
  baselineVersion: number | null;
  windowDays: number;
  from: Date;
  to: Date;
  truncated: boolean;
  summary: Omit<TBacktestSummary, "added" | "withheld">;
  added: TBacktestRow[];
  withheld: TBacktestRow[];
  addedCount: number;
  withheldCount: number;
};

/**
 * Runs a version (usually a draft) against the decisions recorded over the window and
 * compares it with the active policy, through THE decision function (see
 * lib/domain/policy-backtest.ts for the assumptions). Reads only: it never creates a
 * containment, an escalation or a decision. The run itself is an audit event.
 */
export async function runPolicyBacktest(client: TDb, options: { request: TBacktestRequest; userId: string; actor: TAuditActor; now?: Date }): Promise<TBacktestResult> {
  const { versionId, windowDays } = ZBacktestRequest.parse(options.request);
  await requirePolicyPermission(client, options.userId, "policy:edit");
  const row = await client.policyVersion.findUnique({ where: { id: versionId } });
  if (!row) throw new ExpectedError("NOT_FOUND", "That policy version does not exist.");
  const parsed = ZPolicyDocument.safeParse(row.document);
  if (!parsed.success) throw new ExpectedError("BAD_INPUT", `Policy v${row.version} is not a valid document: fix and save it before backtesting.`);
  const to = options.now ?? new Date();
  const from = new Date(to.getTime() - windowDays * 86_400_000);

  const [baseline, recorded, protectedList] = await Promise.all([loadActivePolicy(client), loadRecordedDecisions(client, { from, to }), loadProtectedList(client, to)]);
  const candidate: TActivePolicy = { id: row.id, version: row.version, document: parsed.data, signedBy: row.signedByName ?? "no one yet (draft)" };
  const index = buildRegistrationIndex(protectedList);
  const rows = recorded.decisions.map((d) => backtestDecision(d, { baseline, candidate }, index.match(d.target, d.decidedAt)));
  const { added, withheld, ...summary } = summarizeBacktest(rows);

  const against = baseline ? `active v${baseline.version}` : "no active policy";
  await client.$transaction((tx) =>
    appendAudit(tx, {
      type: "POLICY_CHANGED",
      actor: options.actor,
      subject: { policyVersion: row.version },
      data: {
        change: "backtested",
        version: row.version,
        details: {
          baselineVersion: baseline?.version ?? null,
          windowDays,
          from: from.toISOString(),
          to: to.toISOString(),
          decisions: summary.decisions,
          changed: summary.changed,
          containmentsAdded: added.length,
          containmentsWithheld: withheld.length,
          truncated: recorded.truncated,
        },
      },
      summary: `${options.actor.name} backtested policy v${row.version} against ${against} over ${windowDays} days: ${summary.decisions} decisions, ${summary.changed} would change (${added.length} containments added, ${withheld.length} withheld)`,
    }),
  );
  return {
    version: row.version,
    baselineVersion: baseline?.version ?? null,
    windowDays,
    from,
    to,
    truncated: recorded.truncated,
    summary,
    added: added.slice(0, LISTED),
    withheld: withheld.slice(0, LISTED),
    addedCount: added.length,
    withheldCount: withheld.length,
  };
}
