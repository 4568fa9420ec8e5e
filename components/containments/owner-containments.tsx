import { ContainmentsTable } from "@/components/containments/containments-table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { TUserPrincipal } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { compileSelector, formatCompiled } from "@/lib/domain/selectors";
import type { TLookupTarget } from "@/lib/domain/lookup-query";
import { canRelease } from "@/lib/server/containments/containments-for-page";
import { findMatchingContainments } from "@/lib/server/lookup/find-matching-containments";

// "Containments on your assets" for a business owner's asset page: what is contained right
// now on something they registered, with the release valve. Matching is the lookup's
// (selector logic over indexes); release is the one release service, which checks again.

export async function OwnerContainments({ user }: { user: TUserPrincipal }) {
  const assets = await db().protectedAsset.findMany({ where: { ownerId: user.id, deletedAt: null }, select: { selectorKind: true, selectorValue: true } });
  const targets = assets.flatMap((a): TLookupTarget[] => {
    const compiled = compileSelector(a.selectorKind, a.selectorValue);
    return compiled.ok ? [{ kind: a.selectorKind, value: formatCompiled(compiled.value).value, compiled: compiled.value }] : [];
  });
  const now = new Date();
  const found = targets.length ? await findMatchingContainments(db(), { targets, from: now, to: new Date(now.getTime() + 1) }) : [];
  const active = found.filter((c) => c.status === "ACTIVE" || c.status === "PENDING");
  const releasable = new Set<string>();
  for (const c of active) if (await canRelease(user, c)) releasable.add(c.id);
  return (
    <Card title="Containments on your assets" description="What Reflex is containing right now on something you registered. You can release it here, without a ticket.">
      {active.length === 0 ? (
        <EmptyState title="Nothing contained on your assets">When Reflex contains something you registered, it shows here with a Release button.</EmptyState>
      ) : (
        <ContainmentsTable caption="Containments on your assets" rows={active.map((c) => ({ ...c, canRelease: releasable.has(c.id) }))} showStatus={false} />
      )}
    </Card>
  );
}
