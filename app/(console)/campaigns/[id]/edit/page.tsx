import { notFound } from "next/navigation";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { getCampaign } from "@/lib/server/campaigns/get-campaign";
import { listAssetClasses } from "@/lib/server/policy/list-asset-classes";

export const metadata = { title: "Edit campaign" };

export default async function EditCampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageUser("campaign:manage", `/campaigns/${id}/edit`);
  const [campaign, classes] = await Promise.all([getCampaign(db(), { campaignId: id, now: new Date() }), listAssetClasses(db())]);
  if (!campaign || campaign.phase === "closed") notFound();
  return (
    <>
      <PageHeader
        title={`Edit "${campaign.name}"`}
        description="Moving the deadline re-arms its reminders. Moving it into the past ends the window now: from then on, decisions on unregistered assets say they were not registered by it."
      />
      <Card>
        <CampaignForm
          campaignId={campaign.id}
          assetClasses={classes}
          initial={{
            name: campaign.name,
            scopeAssetClasses: campaign.scopeAssetClasses,
            businessUnits: campaign.scopeBusinessUnits.join(", "),
            opensOn: campaign.opensOn,
            deadlineOn: campaign.deadlineOn,
            cadenceDays: String(campaign.cadenceDays),
            reminderDays: campaign.reminderDaysBefore.join(", "),
          }}
        />
      </Card>
    </>
  );
}
