import Link from "next/link";
import { notFound } from "next/navigation";
import { CampaignPhaseBadge } from "@/components/campaigns/campaign-phase-badge";
import { CloseCampaignButton } from "@/components/campaigns/close-campaign-form";
import { CoverageView } from "@/components/campaigns/coverage-view";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/lib/db/client";
import { startOfDay } from "@/lib/domain/campaign-dates";
import { describeScope } from "@/lib/domain/campaign-scope";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { getCampaign } from "@/lib/server/campaigns/get-campaign";
import { loadCampaignCoverage } from "@/lib/server/campaigns/load-campaign-coverage";

export const metadata = { title: "Campaign" };

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageUser("campaign:manage", `/campaigns/${id}`);
  const now = new Date();
  const campaign = await getCampaign(db(), { campaignId: id, now });
  if (!campaign) notFound();
  const [coverage, reminders] = await Promise.all([
    loadCampaignCoverage(db(), { campaign: { ...campaign, opensAt: startOfDay(campaign.opensOn) }, now }),
    db().campaignReminder.findMany({ where: { campaignId: id }, orderBy: { sentAt: "desc" }, take: 20 }),
  ]);
  const open = campaign.phase !== "closed";
  return (
    <>
      <PageHeader
        title={campaign.name}
        description={`Scope: ${describeScope(campaign)}. Open ${campaign.opensOn} → deadline ${campaign.deadlineOn} (end of day, UTC). Registrations are re-certified every ${campaign.cadenceDays} days.`}
        actions={
          open && (
            <div className="flex gap-2">
              <Link href={`/campaigns/${id}/edit`} className={buttonClass("secondary")}>
                Edit campaign
              </Link>
              <CloseCampaignButton campaignId={id} name={campaign.name} />
            </div>
          )
        }
      />
      <div className="space-y-6">
        <Card title="Status">
          <p className="flex items-center gap-3 text-sm" data-testid="campaign-status">
            <CampaignPhaseBadge phase={campaign.phase} />
            {open ? campaign.daysLeftLabel : `closed ${campaign.closedAt?.slice(0, 10)}`}
            <span className="text-slate-600">
              Reminders: {campaign.reminderDaysBefore.length > 0 ? `${campaign.reminderDaysBefore.join(", ")} days before the deadline` : "none"}
              {reminders.length > 0 && ` — sent so far: ${reminders.map((r) => `${r.daysBefore} d`).join(", ")}`}
            </span>
          </p>
        </Card>
        <Card title="Coverage" description="Registered vs. expected, by owner and business unit.">
          <CoverageView coverage={coverage} daysLeftLabel={campaign.daysLeftLabel} />
        </Card>
      </div>
    </>
  );
}
