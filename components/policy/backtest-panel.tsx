"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { runBacktestAction } from "@/app/(console)/policy/actions";
import { Button } from "@/components/ui/button";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { TBacktestGroup, TBacktestRow } from "@/lib/domain/policy-backtest";
import { ACTION_LABELS, VERDICTS } from "@/lib/domain/types";
import type { TBacktestResult } from "@/lib/server/policy/run-policy-backtest";
import { fieldsOf, unwrap } from "./action-result";

/** Runs a backtest of the saved draft and shows what it would have done differently. */
export function BacktestPanel({ versionId, version, disabled, lastBacktest }: { versionId: string; version: number; disabled: boolean; lastBacktest: string | null }) {
  const [days, setDays] = useState("30");
  const run = useMutation({ mutationFn: () => unwrap(runBacktestAction({ versionId, windowDays: Number(days) })) });
  const daysError = fieldsOf(run.error).windowDays?.[0];

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    run.mutate();
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="backtest-days" className="block text-sm font-medium text-slate-700">
            Window (days)
          </label>
          <input id="backtest-days" type="number" min={1} max={90} step={1} value={days} onChange={(e) => setDays(e.target.value)} aria-invalid={Boolean(daysError)} className="mt-1 block w-28 rounded-md border border-slate-300 px-3 py-2 text-sm" />
        </div>
        <Button type="submit" disabled={disabled || run.isPending}>
          {run.isPending ? "Running…" : "Run backtest"}
        </Button>
        {disabled && <span className="text-sm text-slate-600">Save the draft first: the backtest runs on the saved version.</span>}
      </form>
      {daysError && <p className="text-sm text-red-700">{daysError}</p>}
      {run.isError && !daysError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {run.error.message}
        </p>
      )}
      {!run.data && lastBacktest && <p className="text-sm text-slate-600">Last run: {lastBacktest}</p>}
      {run.data && <BacktestResult result={run.data} version={version} />}
    </div>
  );
}

function BacktestResult({ result, version }: { result: TBacktestResult; version: number }) {
  const active = result.baselineVersion ? `Active v${result.baselineVersion}` : "No active policy";
  const s = result.summary;
  return (
    <div className="space-y-5">
      <p role="status" className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-800">
        Draft v{version} against {result.baselineVersion ? `the active v${result.baselineVersion}` : "no active policy"}, alerts of the last {result.windowDays} days: {s.decisions} decisions replayed, {s.changed} would be decided differently — {result.addedCount} containment{result.addedCount === 1 ? "" : "s"} added, {result.withheldCount} withheld.
        {result.truncated && " Only the newest decisions were replayed: narrow the window to see all of it."}
      </p>
      <p className="text-xs text-slate-500">Both policies are judged with today&apos;s protected list, no investigation holds and the kill switch off, so the difference is the policy&apos;s alone.</p>
      {/* min-w-0: a grid item may then shrink below its table's width and scroll instead of overlapping. */}
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="min-w-0">
          <h3 className="mb-1 text-sm font-semibold text-slate-900">Verdicts</h3>
          <Table caption="Verdicts" head={["Verdict", active, `Draft v${version}`]}>
            {VERDICTS.map((v) => (
              <tr key={v}>
                <Td>{v}</Td>
                <Td>{s.verdicts[v].baseline}</Td>
                <Td>{s.verdicts[v].candidate}</Td>
              </tr>
            ))}
          </Table>
        </div>
        <GroupTable caption="Per playbook" label="Playbook" groups={s.byPlaybook} />
        <GroupTable caption="Per asset class" label="Asset class" groups={s.byAssetClass} />
      </div>
      <RowTable caption={`Containments added (${result.addedCount})`} rows={result.added} empty="The draft would not have contained anything the active policy left alone." />
      <RowTable caption={`Containments withheld (${result.withheldCount})`} rows={result.withheld} empty="The draft would have kept every containment the active policy made." />
    </div>
  );
}

function GroupTable({ caption, label, groups }: { caption: string; label: string; groups: TBacktestGroup[] }) {
  return (
    <div className="min-w-0">
      <h3 className="mb-1 text-sm font-semibold text-slate-900">{caption}</h3>
      <Table caption={caption} head={[label, "Decisions", "Changed", "Executes (active → draft)"]}>
      {groups.map((g) => (
        <tr key={g.key}>
          <Td>{g.key}</Td>
          <Td>{g.decisions}</Td>
          <Td>{g.changed}</Td>
          <Td>
            {g.baselineExecutes} → {g.candidateExecutes}
          </Td>
        </tr>
      ))}
      </Table>
    </div>
  );
}

function RowTable({ caption, rows, empty }: { caption: string; rows: TBacktestRow[]; empty: string }) {
  return (
    <div>
      <h3 className="mb-1 text-sm font-semibold text-slate-900">{caption}</h3>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{empty}</p>
      ) : (
        <Table caption={caption} head={["Alert, and why the draft decides so", "Happened", "Action", "Asset class", "Verdict (active → draft)"]}>
          {rows.map((r) => (
            <tr key={r.decisionId}>
              <td className="max-w-xl px-3 py-2 align-top text-slate-800">
                <Link href={`/policy/decisions/${r.decisionId}`} className="font-medium text-indigo-700 hover:underline">
                  {r.alertTitle}
                </Link>
                {r.containmentId && (
                  <>
                    {" · "}
                    <Link href={`/containments/${r.containmentId}`} className="text-indigo-700 hover:underline">
                      containment
                    </Link>
                  </>
                )}
                <p className="mt-0.5 text-xs text-slate-600">{r.candidate.reason}</p>
              </td>
              <Td>
                <Time value={new Date(r.occurredAt)} />
              </Td>
              <Td>
                {ACTION_LABELS[r.action]} {r.target.value}
              </Td>
              <Td>{r.assetClass}</Td>
              <Td>
                {r.baseline.verdict} → {r.candidate.verdict}
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
