import { CampaignForm } from "@/components/campaigns/campaign-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/lib/db/client";
import { isoDay } from "@/lib/domain/campaign-dates";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { listAssetClasses } from "@/lib/server/policy/list-asset-classes";

export const metadata = { title: "Open a campaign" };

const DAY = 86_400_000;

export default async function NewCampaignPage() {
  await requirePageUser("campaign:manage", "/campaigns/new");
  const classes = await listAssetClasses(db());
  const now = Date.now();
  return (
    <>
      <PageHeader title="Open a registration campaign" description="Owners in scope see it on their home page with the days left, and get reminders at the points you choose." />
      <Card>
        <CampaignForm
          assetClasses={classes}
          initial={{ name: "", scopeAssetClasses: [], businessUnits: "", opensOn: isoDay(new Date(now)), deadlineOn: isoDay(new Date(now + 30 * DAY)), cadenceDays: "90", reminderDays: "14, 7, 1" }}
        />
      </Card>
    </>
  );
}
