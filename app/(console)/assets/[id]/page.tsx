import Link from "next/link";
import { notFound } from "next/navigation";
import { HostsSeenUnderWildcard } from "@/components/protected/hosts-seen-under-wildcard";
import { RegistrationList } from "@/components/protected/registration-list";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { parseHostPattern } from "@/lib/domain/host-pattern";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { ExpectedError } from "@/lib/server/errors";
import { findRegistrationOverlaps } from "@/lib/server/protected/find-registration-overlaps";
import { getRegistration } from "@/lib/server/protected/get-registration";
import { listHostsUnderWildcard } from "@/lib/server/protected/list-hosts-under-wildcard";
import { registrationScopeOf } from "@/lib/server/protected/registration-scope";

export const metadata = { title: "Registration" };

export default async function RegistrationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser("assets:view", `/assets/${id}`);
  const registration = await getRegistration(db(), { id, scope: registrationScopeOf(user) }).catch((e: unknown) => {
    if (e instanceof ExpectedError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const { selector } = registration;
  const pattern = selector.kind === "host" ? parseHostPattern(selector.value) : null;
  const wildcardDomain = pattern?.ok && pattern.value.wildcard ? pattern.value.name : null;
  const now = new Date();
  const [overlaps, seen] = await Promise.all([
    findRegistrationOverlaps(db(), [registration], now),
    wildcardDomain ? listHostsUnderWildcard(db(), { domain: wildcardDomain, now }) : null,
  ]);
  return (
    <>
      <PageHeader
        title={selector.value}
        description={`${registration.businessService}, owned by ${registration.owner.name}.`}
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href="/assets" className={buttonClass("secondary")}>
              All registrations
            </Link>
            {can(user.role, "assets:edit") && (
              <Link href={`/assets/${id}/edit`} className={buttonClass("primary")}>
                Edit
              </Link>
            )}
          </div>
        }
      />
      <Card>
        <RegistrationList registrations={[registration]} overlaps={overlaps} canEdit={false} owners={[]} now={now} linkToPage={false} />
      </Card>
      {seen && (
        <div className="mt-6">
          <HostsSeenUnderWildcard pattern={selector.value} hosts={seen.hosts} total={seen.total} />
        </div>
      )}
    </>
  );
}
