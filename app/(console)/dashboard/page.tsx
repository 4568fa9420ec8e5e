import Link from "next/link";
import { ChartCard, DataTable } from "@/components/dashboard/chart-card";
import { LabelledBarChart, TimingTrendChart, WeeklyVerdictChart } from "@/components/dashboard/charts";
import { ReviewedInaction } from "@/components/dashboard/reviewed-inaction";
import { WindowPicker } from "@/components/reports/window-picker";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { db } from "@/lib/db/client";
import { VERDICT_LABELS } from "@/lib/domain/audit-types";
import { dashboardTable, type TDashboardTable } from "@/lib/domain/dashboard-tables";
import { formatPercent, formatSeconds } from "@/lib/domain/report-format";
import { DASHBOARD_WEEKS, DEFAULT_DASHBOARD_WEEKS, pickChoice } from "@/lib/domain/report-window";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { listHeldBackDecisions, listRejectedEscalations } from "@/lib/server/dashboard/list-reviewed-inaction";
import { loadDashboard } from "@/lib/server/dashboard/load-dashboard";

export const metadata = { title: "Accountability dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ weeks?: string }> }) {
  await requirePageUser("dashboard:view", "/dashboard");
  const weeks = pickChoice((await searchParams).weeks, DASHBOARD_WEEKS, DEFAULT_DASHBOARD_WEEKS);
  const now = new Date();
  const { window, dashboard: d } = await loadDashboard(db(), { now, weeks });
  const [rejected, heldBack] = await Promise.all([listRejectedEscalations(db(), window), listHeldBackDecisions(db(), window)]);
  const table = (name: TDashboardTable) => dashboardTable(name, d, "page");
  const csv = (name: TDashboardTable) => `/dashboard/export?table=${name}&weeks=${weeks}`;
  const contained = d.assetClasses.reduce((sum, c) => sum + c.count, 0);
  const tiles = [
    { label: "Alert → containment", value: formatSeconds(d.toContain.meanSeconds), note: `mean; p90 ${formatSeconds(d.toContain.p90Seconds)} over ${d.toContain.count}` },
    { label: "Containment → release", value: formatSeconds(d.toRelease.meanSeconds), note: `mean; p90 ${formatSeconds(d.toRelease.p90Seconds)} over ${d.toRelease.count}` },
    { label: "Handled autonomously", value: formatPercent(d.verdicts.find((v) => v.verdict === "execute")!.share), note: `of ${d.decisions} decisions` },
    { label: "Escalations past SLA", value: String(d.escalations.pastSla), note: `of ${d.escalations.total}; ${d.escalations.openOverdue} still open` },
    { label: "Investigation holds open", value: String(d.holdsOpen), note: "in force now" },
  ];
  return (
    <>
      <PageHeader
        title="Accountability dashboard"
        description="How fast Reflex and the SOC contained, what was released again, and what was not done and why. Inaction is reviewed as hard as action."
      />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <WindowPicker label="Window" choices={DASHBOARD_WEEKS} current={weeks} unit="weeks" hrefFor={(n) => `?weeks=${n}`} />
        <p className="text-sm text-slate-600">
          From <Time value={window.from} /> to <Time value={window.to} />, in calendar weeks starting Monday (UTC).
        </p>
      </div>
      <dl className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {tiles.map((t) => (
          <div key={t.label} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <dt className="text-sm text-slate-600">{t.label}</dt>
            <dd className="mt-2 text-2xl font-semibold">{t.value}</dd>
            <dd className="mt-1 text-xs text-slate-500">{t.note}</dd>
          </div>
        ))}
      </dl>
      {d.decisions === 0 && contained === 0 && (
        <div className="mb-6">
          <EmptyState title={`Nothing was decided or contained in the last ${weeks} weeks`}>Pick a longer window, or send alerts: every figure below starts counting with the first decision.</EmptyState>
        </div>
      )}
      <div className="grid gap-4 xl:grid-cols-2">
        <ChartCard table={table("weekly")} csvHref={csv("weekly")} description="Decisions per week in which their alert happened, by verdict." empty={d.decisions === 0 ? "No decisions in this window" : null}>
          <WeeklyVerdictChart weeks={d.weeks} label="Stacked bars: decisions per week by verdict. The table below has the same figures." />
        </ChartCard>
        <ChartCard table={table("verdicts")} csvHref={csv("verdicts")} description="Share of all decisions: autonomous (executed), escalated, suppressed, forbidden, shadow." empty={d.decisions === 0 ? "No decisions in this window" : null}>
          <LabelledBarChart data={d.verdicts.map((v) => ({ label: VERDICT_LABELS[v.verdict], value: v.share ?? 0 }))} format="percent" label="Bars: share of decisions per verdict. The table below has the same figures." />
        </ChartCard>
        <ChartCard
          table={table("weekly-timing")}
          csvHref={csv("weekly-timing")}
          description="From the time the alert happened to the containment being enforced (autonomous or after an approval), and from enforcement to a person's release. Expiry is not a release."
          empty={d.toContain.count === 0 && d.toRelease.count === 0 ? "No containment or release in this window" : null}
        >
          <TimingTrendChart weeks={d.weeks} label="Lines: mean and p90 time from alert to containment, and mean time from containment to release, per week. The table below has the same figures." />
        </ChartCard>
        <ChartCard table={table("release-rate")} csvHref={csv("release-rate")} description="Containments made in the window that a person released again: the false-positive proxy. Containments that expired by their TTL were not judged wrong." empty={d.releaseRates.length === 0 ? "No containments in this window" : null}>
          <LabelledBarChart data={d.releaseRates.map((p) => ({ label: p.playbookKey, value: p.releaseRate ?? 0 }))} format="percent" color="#d97706" label="Bars: release rate per playbook. The table below has the same figures." />
        </ChartCard>
        <ChartCard table={table("asset-classes")} csvHref={csv("asset-classes")} description="Containments made in the window, by the asset class of the decision behind them." empty={d.assetClasses.length === 0 ? "No containments in this window" : null}>
          <LabelledBarChart data={d.assetClasses.map((c) => ({ label: c.assetClass, value: c.count }))} format="count" label="Bars: containments per asset class. The table below has the same figures." />
        </ChartCard>
        <Card
          title="Escalations and their SLA"
          description="Escalations opened in the window. Past SLA: still open after the deadline, or approved or rejected after it."
          actions={
            <span className="flex gap-4 text-sm">
              <Link href="/escalations" className="font-semibold text-indigo-700 hover:underline">
                Queue
              </Link>
              <a href={csv("escalations")} className="font-semibold text-indigo-700 hover:underline" download>
                CSV<span className="sr-only"> of escalations and their SLA</span>
              </a>
            </span>
          }
        >
          <DataTable table={table("escalations")} />
        </Card>
        <Card title="Time to contain and to release" actions={<a href={csv("timing")} className="text-sm font-semibold text-indigo-700 hover:underline" download>CSV<span className="sr-only"> of time to contain and to release</span></a>}>
          <DataTable table={table("timing")} />
        </Card>
        <Card title="Top released targets" description="Released most often by a person in the window: candidates for the protected list or a playbook fix." actions={<a href={csv("top-released")} className="text-sm font-semibold text-indigo-700 hover:underline" download>CSV<span className="sr-only"> of top released targets</span></a>}>
          {d.topReleased.length === 0 ? <EmptyState title="Nothing was released in this window" /> : <DataTable table={table("top-released")} />}
        </Card>
      </div>
      <div className="mt-6">
        <ReviewedInaction rejected={rejected} heldBack={heldBack} />
      </div>
    </>
  );
}
