import Link from "next/link";
import { notFound } from "next/navigation";
import { PromoteButton } from "@/components/rehearsal/promote-button";
import { WindowPicker } from "@/components/reports/window-picker";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { effectiveCell } from "@/lib/domain/policy-grid";
import { cellSubject, labelLookup } from "@/lib/domain/policy-wording";
import { formatConfidence, formatPercent } from "@/lib/domain/report-format";
import { daysWindow, DEFAULT_REHEARSAL_DAYS, pickChoice, REHEARSAL_DAYS } from "@/lib/domain/report-window";
import { FALSE_POSITIVE_FOLLOW_UP_DAYS } from "@/lib/domain/shadow-rehearsal";
import { ratio } from "@/lib/domain/stats";
import { playbookByKey } from "@/lib/playbooks/registry";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { listAssetClasses } from "@/lib/server/policy/list-asset-classes";
import { loadActivePolicy } from "@/lib/server/policy/load-active-policy";
import { loadRehearsal } from "@/lib/server/rehearsal/load-rehearsal";

export const metadata = { title: "Shadow-mode rehearsal" };

const WOULD_HAVE: Record<string, string> = { execute: "acted", escalate: "escalated", suppress: "suppressed", forbid: "been forbidden" };

type TProps = { params: Promise<{ key: string }>; searchParams: Promise<{ days?: string }> };

export default async function RehearsalPage({ params, searchParams }: TProps) {
  const { key } = await params;
  const user = await requirePageUser("policy:view", `/policy/playbooks/${encodeURIComponent(key)}/rehearsal`);
  const playbook = playbookByKey(key);
  if (!playbook) notFound();
  const days = pickChoice((await searchParams).days, REHEARSAL_DAYS, DEFAULT_REHEARSAL_DAYS);
  const [rehearsal, active, classes] = await Promise.all([
    loadRehearsal(db(), { playbookKey: key, ...daysWindow(new Date(), days) }),
    loadActivePolicy(db()),
    listAssetClasses(db()),
  ]);
  const labelOf = labelLookup(classes);
  const mayPromote = can(user.role, "policy:promote");
  const { total } = rehearsal;
  const tiles = [
    { label: "Shadow decisions", value: String(total.shadowed) },
    { label: "Would have acted", value: String(total.wouldHaveActed) },
    { label: "Later judged false positives", value: `${total.falsePositives} (${formatPercent(ratio(total.falsePositives, total.wouldHaveActed))})` },
    { label: "Median confidence", value: formatConfidence(total.medianConfidence) },
  ];
  return (
    <>
      <PageHeader
        title={`Rehearsal: ${playbook.name}`}
        description="What this playbook would have done in the policy cells that run in shadow mode: recorded, never executed. Promote a cell once the rehearsal shows it would have acted rightly."
        actions={
          <Link href="/policy/playbooks" className="text-sm font-semibold text-indigo-700 hover:underline">
            ← Playbooks
          </Link>
        }
      />
      <div className="mb-4">
        <WindowPicker label="Window" choices={REHEARSAL_DAYS} current={days} unit="days" hrefFor={(n) => `?days=${n}`} />
      </div>
      <dl className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {tiles.map((t) => (
          <div key={t.label} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <dt className="text-sm text-slate-600">{t.label}</dt>
            <dd className="mt-2 text-2xl font-semibold">{t.value}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-4">
        <Card title="How this is counted">
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            <li>
              <strong>Would have acted</strong>: a shadow decision whose rehearsal passed every autonomous check (confidence, blast radius, context, the owners&apos; requirements), so only the shadow mode held the action back.
            </li>
            <li>
              <strong>Later judged a false positive</strong>: within {FALSE_POSITIVE_FOLLOW_UP_DAYS} days after the shadow decision, someone released a containment of the same target (a containment that expired by its TTL does not count), or an analyst rejected an escalation about the same target. Only decisions that would have acted can be false positives.
            </li>
            <li>
              <strong>Median confidence</strong>: over every shadow decision of the cell in the window, acted or not, so it shows where the playbook&apos;s confidence sits against the cell&apos;s minimum.
            </li>
            <li>The window, and the {FALSE_POSITIVE_FOLLOW_UP_DAYS} days after each decision, count from the time the alert happened (its own timestamp), as the policy backtest does: the last {days} days.</li>
          </ul>
        </Card>
        <Card title="Per policy cell" description="Promotion creates a policy draft with the cell switched to autonomous; a CISO reviews and signs it.">
          {rehearsal.cells.length === 0 ? (
            <EmptyState title={`No shadow decisions in the last ${days} days`}>
              This playbook had no alert land on a shadow cell in the window. A CISO puts a cell in shadow mode in a policy draft to start a rehearsal.
            </EmptyState>
          ) : (
            <Table caption="Rehearsal per policy cell" head={["Cell", "Active policy", "Shadow decisions", "Would have acted", "False positives", "False-positive rate", "Median confidence", ""]}>
              {rehearsal.cells.map((c) => {
                const mode = active ? effectiveCell(active.document, c.action, c.assetClass).cell.mode : null;
                const subject = cellSubject(c.action, c.assetClass, labelOf);
                return (
                  <tr key={`${c.action}/${c.assetClass}`}>
                    <Td>{subject}</Td>
                    <Td>{mode ? <Badge tone={mode === "shadow" ? "violet" : mode === "autonomous" ? "green" : "gray"}>{`${mode} (v${active!.version})`}</Badge> : "no active policy"}</Td>
                    <Td>{c.shadowed}</Td>
                    <Td>{c.wouldHaveActed}</Td>
                    <Td>{c.falsePositives}</Td>
                    <Td>{formatPercent(ratio(c.falsePositives, c.wouldHaveActed))}</Td>
                    <Td>{formatConfidence(c.medianConfidence)}</Td>
                    <Td>
                      {mayPromote && mode === "shadow" && c.wouldHaveActed > 0 ? (
                        <PromoteButton
                          playbookKey={key}
                          action={c.action}
                          assetClass={c.assetClass}
                          windowDays={days}
                          subject={subject}
                          evidence={`over ${days} days it would have acted ${c.wouldHaveActed} times, ${c.falsePositives} later judged false positives, median confidence ${formatConfidence(c.medianConfidence)}`}
                        />
                      ) : null}
                    </Td>
                  </tr>
                );
              })}
            </Table>
          )}
        </Card>
        <Card title="Shadow decisions" description="Newest first. Each links to the decision as it was recorded.">
          {rehearsal.decisions.length === 0 ? (
            <EmptyState title="Nothing rehearsed in this window" />
          ) : (
            <Table caption="Shadow decisions" head={["Alert time", "Target", "Cell", "Confidence", "Would have", "Later judgement"]}>
              {rehearsal.decisions.map((d) => (
                <tr key={d.id}>
                  <Td>
                    <Link href={`/policy/decisions/${d.id}`} className="text-indigo-700 hover:underline">
                      <Time value={d.at} />
                    </Link>
                  </Td>
                  <Td mono>{d.target.value}</Td>
                  <Td>{cellSubject(d.action, d.assetClass, labelOf)}</Td>
                  <Td>{formatConfidence(d.confidence)}</Td>
                  <Td>{d.wouldHave ? WOULD_HAVE[d.wouldHave] ?? d.wouldHave : "not recorded"}</Td>
                  <td className="px-3 py-2 align-top text-sm text-slate-700">
                    {d.falsePositive ? (
                      <>
                        <Badge tone="amber">false positive</Badge> {d.falsePositive.kind === "released" ? "released" : "escalation rejected"} by {d.falsePositive.by ?? "unknown"} <Time value={d.falsePositive.at} />
                        {d.falsePositive.reason ? `: "${d.falsePositive.reason}"` : ""}
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
