import Link from "next/link";
import { OwnerContainments } from "@/components/containments/owner-containments";
import { RegistrationList } from "@/components/protected/registration-list";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { findRegistrationOverlaps } from "@/lib/server/protected/find-registration-overlaps";
import { listRegistrationOwners } from "@/lib/server/protected/list-registration-owners";
import { listRegistrations, ZRegistrationQuery } from "@/lib/server/protected/list-registrations";
import { registrationScopeOf } from "@/lib/server/protected/registration-scope";

export const metadata = { title: "Protected assets" };

export default async function AssetsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageUser("assets:view", "/assets");
  const params = await searchParams;
  const query = ZRegistrationQuery.safeParse({ q: params.q || undefined, cursor: params.cursor || undefined, limit: 50 });
  const scope = registrationScopeOf(user);
  const page = await listRegistrations(db(), { query: query.success ? query.data : { limit: 50 }, scope });
  const now = new Date();
  const overlaps = await findRegistrationOverlaps(db(), page.items, now);
  const canEdit = can(user.role, "assets:edit");
  const owners = canEdit ? await listRegistrationOwners(db()) : [];
  const mine = user.role === "OWNER";
  return (
    <>
      <PageHeader
        title="Protected assets"
        description="Assets their owners registered with special containment requirements. Anything not registered gets the default policy."
        actions={
          <div className="flex flex-wrap gap-2">
            <a href="/assets/export" className={buttonClass("secondary")}>
              Export CSV
            </a>
            {canEdit && (
              <>
                <Link href="/assets/import" className={buttonClass("secondary")}>
                  Import CSV
                </Link>
                <Link href="/assets/new" className={buttonClass("primary")}>
                  Register an asset
                </Link>
              </>
            )}
          </div>
        }
      />
      {params.saved && (
        <p role="status" className="mb-6 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Registration saved. It protects from now on, as the list below shows.
        </p>
      )}
      {mine && (
        <div className="mb-6">
          <OwnerContainments user={user} />
        </div>
      )}
      <Card
        title={mine ? "Your registrations" : "Registrations"}
        description="Each registration protects until it expires; re-certify it to start a new period."
        actions={
          <form role="search" action="/assets" className="flex gap-2">
            <label htmlFor="assets-q" className="sr-only">
              Search registrations
            </label>
            <input id="assets-q" name="q" defaultValue={params.q ?? ""} placeholder="Selector, service or unit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
            <button type="submit" className={buttonClass("secondary")}>
              Search
            </button>
          </form>
        }
      >
        {page.items.length === 0 ? (
          <EmptyState title={params.q ? `No registration matches "${params.q}"` : mine ? "You have not registered anything yet" : "No protected assets registered"}>
            {params.q ? "Try part of an address, a host name or a service name." : "Nothing is on the protected list yet, so every asset gets the default policy."}
            {canEdit && !params.q && (
              <p className="mt-3">
                <Link href="/assets/new" className="font-medium text-indigo-700 underline">
                  Register an asset
                </Link>{" "}
                or{" "}
                <Link href="/assets/import" className="font-medium text-indigo-700 underline">
                  import a CSV file
                </Link>
                .
              </p>
            )}
          </EmptyState>
        ) : (
          <>
            <RegistrationList registrations={page.items} overlaps={overlaps} canEdit={canEdit} owners={owners} now={now} />
            {page.nextCursor && (
              <p className="mt-4 text-right">
                <Link href={`/assets?${new URLSearchParams({ ...(params.q ? { q: params.q } : {}), cursor: page.nextCursor })}`} className="text-sm font-medium text-indigo-700 underline">
                  Older registrations
                </Link>
              </p>
            )}
          </>
        )}
      </Card>
    </>
  );
}
