import Link from "next/link";
import { OwnerCampaigns } from "@/components/campaigns/owner-campaigns";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { loadOverview } from "@/lib/server/overview/load-overview";

export default async function OverviewPage() {
  const user = await requirePageUser("console:view", "/");
  const o = await loadOverview();
  const tiles = [
    { label: "Active containments", value: o.activeContainments, href: "/containments", alert: o.activeHolds > 0 ? `${o.activeHolds} investigation hold${o.activeHolds === 1 ? "" : "s"} withholding containment` : null },
    { label: "Open escalations", value: o.openEscalations, href: "/escalations", alert: o.overdueEscalations > 0 ? `${o.overdueEscalations} past their SLA` : null },
    { label: "Alerts in the last 24 h", value: o.alerts24h, href: "/audit", alert: null },
    { label: "Protected assets", value: o.protectedAssets, href: "/assets", alert: null },
  ];
  return (
    <>
      <PageHeader title={`Hello, ${user.name}`} description="What Reflex saw and did, at a glance." />
      {user.role === "OWNER" && (
        <div className="mb-6">
          <OwnerCampaigns ownerId={user.id} />
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {tiles.map((t) => (
          <Link key={t.label} href={t.href} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm hover:border-indigo-300">
            <p className="text-sm text-slate-600">{t.label}</p>
            <p className="mt-2 text-3xl font-semibold">{t.value}</p>
            {t.alert && <p className="mt-1 text-sm font-semibold text-red-700">{t.alert}</p>}
          </Link>
        ))}
      </div>
      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        <Card title="Policy">
          {o.activePolicy ? (
            <p className="text-sm">
              Policy v{o.activePolicy.version} is active, signed by {o.activePolicy.signedByName ?? "unknown"}.
            </p>
          ) : (
            <p className="text-sm">No signed policy: nothing executes autonomously, every containment escalates to the SOC.</p>
          )}
        </Card>
        <Card title="Kill switch">
          <p className="text-sm" data-testid="kill-switch-state">
            {o.killSwitch.engaged
              ? `Engaged by ${o.killSwitch.by ?? "unknown"}: "${o.killSwitch.reason ?? ""}". Autonomous execution is paused.`
              : "Off: autonomous execution follows the signed policy."}
          </p>
        </Card>
      </div>
    </>
  );
}
