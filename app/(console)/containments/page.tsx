import Link from "next/link";
import { ContainmentsTable } from "@/components/containments/containments-table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { CONTAINMENT_VIEWS, containmentsForPage, type TContainmentView } from "@/lib/server/containments/containments-for-page";

export const metadata = { title: "Containments" };

const VIEW_LABELS: Record<TContainmentView, string> = { active: "Active", expiring: "Expiring within 1 h", released: "Released", expired: "Expired", failed: "Failed" };

export default async function ContainmentsPage({ searchParams }: { searchParams: Promise<{ view?: string }> }) {
  const user = await requirePageUser("containment:view", "/containments");
  const requested = (await searchParams).view;
  const view: TContainmentView = CONTAINMENT_VIEWS.includes(requested as TContainmentView) ? (requested as TContainmentView) : "active";
  const rows = await containmentsForPage(user, view);
  return (
    <>
      <PageHeader title="Containments" description="What Reflex blocked, isolated or disabled, whether it is still in force, and the release valve." />
      <nav aria-label="Containment views" className="mb-4 flex flex-wrap gap-2">
        {CONTAINMENT_VIEWS.map((v) => (
          <Link key={v} href={`/containments?view=${v}`} aria-current={v === view ? "page" : undefined} className={`rounded-full px-3 py-1 text-sm ${v === view ? "bg-indigo-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"}`}>
            {VIEW_LABELS[v]}
          </Link>
        ))}
      </nav>
      <Card title={VIEW_LABELS[view]}>
        {rows.length === 0 ? (
          <EmptyState title={`No ${VIEW_LABELS[view].toLowerCase()} containments`}>
            {view === "active" ? "Nothing is contained right now. When the signed policy lets Reflex act, each containment shows here with its reason and expiry." : "Nothing in this view."}
          </EmptyState>
        ) : (
          <ContainmentsTable caption={`${VIEW_LABELS[view]} containments`} rows={rows} />
        )}
      </Card>
    </>
  );
}
