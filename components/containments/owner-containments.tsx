import Link from "next/link";
import { ReleaseButton } from "@/components/containments/release-button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
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
        <Table caption="Containments on your assets" head={["Target", "Action", "Why", "Since", "Expires", ""]}>
          {active.map((c) => (
            <tr key={c.id}>
              <Td mono>
                <Link href={`/containments/${c.id}`} className="text-indigo-700 hover:underline">
                  {c.targetValue}
                </Link>
              </Td>
              <Td>{c.action}</Td>
              <td className="max-w-xl px-3 py-2 text-slate-800">{c.reason}</td>
              <Td>
                <Time value={c.activatedAt ?? c.createdAt} />
              </Td>
              <Td>
                <Time value={c.expiresAt} />
              </Td>
              <Td>{releasable.has(c.id) ? <ReleaseButton containmentId={c.id} target={c.targetValue} /> : null}</Td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
