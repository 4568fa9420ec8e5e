import { RecertifyButton } from "@/components/protected/recertify-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/lib/db/client";
import { describeScope } from "@/lib/domain/campaign-scope";
import { loadOwnerCampaigns } from "@/lib/server/campaigns/load-owner-campaigns";

/** An owner's home: the campaigns asking them to register, with days left, and what expires soon. */
export async function OwnerCampaigns({ ownerId }: { ownerId: string }) {
  const { campaigns, expiring } = await loadOwnerCampaigns(db(), { ownerId, now: new Date() });
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title="Your registration campaigns" description="Register what is special about your systems before the deadline; anything not registered by then gets the default policy.">
        {campaigns.length === 0 ? (
          <EmptyState title="No open campaign">Nobody is asking you to register anything right now.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Open campaigns">
            {campaigns.map((c) => (
              <li key={c.id} className="py-3" data-testid="owner-campaign">
                <p className="flex items-center gap-2 font-medium">
                  {c.name}
                  <Badge tone={c.daysLeft <= 7 ? "amber" : "green"}>{c.daysLeftLabel}</Badge>
                </p>
                <p className="text-sm text-slate-600">
                  Deadline {c.deadlineOn} · scope {describeScope(c)} · re-certify every {c.cadenceDays} days · you have {c.registeredInScope} registration{c.registeredInScope === 1 ? "" : "s"} in scope
                </p>
              </li>
            ))}
          </ul>
        )}
        <a href="/assets/new" className="mt-3 inline-block text-sm font-medium text-indigo-700 hover:underline">
          Register an asset
        </a>
      </Card>
      <Card title="Expiring soon" description="Registrations stop protecting at their expiry unless you re-certify them.">
        {expiring.length === 0 ? (
          <EmptyState title="Nothing expires soon">None of your registrations expires in the next two weeks.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Registrations expiring soon">
            {expiring.map((r) => (
              <li key={r.id} className="flex items-start justify-between gap-3 py-3">
                <div>
                  <p className="font-mono text-xs">{r.selector}</p>
                  <p className="text-sm text-slate-600">
                    {r.businessService} · expires {r.expiresOn} ({r.daysLeft} day{r.daysLeft === 1 ? "" : "s"} left)
                  </p>
                </div>
                <RecertifyButton id={r.id} selector={r.selector} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
