import Link from "next/link";
import { CampaignPhaseBadge } from "@/components/campaigns/campaign-phase-badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { db } from "@/lib/db/client";
import { describeScope } from "@/lib/domain/campaign-scope";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { listCampaigns } from "@/lib/server/campaigns/list-campaigns";

export const metadata = { title: "Registration campaigns" };

export default async function CampaignsPage() {
  await requirePageUser("campaign:manage", "/campaigns");
  const campaigns = await listCampaigns(db(), { now: new Date() });
  return (
    <>
      <PageHeader
        title="Registration campaigns"
        description="A campaign asks business owners to register their critical assets before a deadline. Whatever is not registered by then gets the default policy; registrations expire at the campaign's cadence unless re-certified."
        actions={
          <Link href="/campaigns/new" className={buttonClass()}>
            Open a campaign
          </Link>
        }
      />
      <Card>
        {campaigns.length === 0 ? (
          <EmptyState title="No campaigns yet">Open one to ask owners to register their assets by a deadline.</EmptyState>
        ) : (
          <Table caption="Registration campaigns" head={["Campaign", "Scope", "Window", "Days left", "Cadence", "Status"]}>
            {campaigns.map((c) => (
              <tr key={c.id}>
                <Td>
                  <Link href={`/campaigns/${c.id}`} className="font-medium text-indigo-700 hover:underline">
                    {c.name}
                  </Link>
                </Td>
                <td className="px-3 py-2 align-top text-slate-700">{describeScope(c)}</td>
                <Td>
                  {c.opensOn} → {c.deadlineOn}
                </Td>
                <Td>{c.phase === "closed" ? "—" : c.daysLeftLabel}</Td>
                <Td>{c.cadenceDays} days</Td>
                <Td>
                  <CampaignPhaseBadge phase={c.phase} />
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </>
  );
}
