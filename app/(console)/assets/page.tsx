import { OwnerContainments } from "@/components/containments/owner-containments";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { isOwnerScoped } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/server/auth/authorize";

export const metadata = { title: "Protected assets" };

export default async function AssetsPage() {
  const user = await requirePageUser("assets:view", "/assets");
  // Owners see only what they registered: the condition is in the query, not the UI.
  const where = isOwnerScoped(user.role, "assets:view") ? { ownerId: user.id, deletedAt: null } : { deletedAt: null };
  const assets = await db().protectedAsset.findMany({
    where,
    orderBy: { createdAt: "desc" },
    take: 200,
    include: { owner: { select: { name: true } } },
  });
  return (
    <>
      <PageHeader title="Protected assets" description="Assets their owners registered with special containment requirements. Anything not registered gets the default policy." />
      {user.role === "OWNER" && (
        <div className="mb-6">
          <OwnerContainments user={user} />
        </div>
      )}
      <Card title={user.role === "OWNER" ? "Your registrations" : "Registrations"}>
        {assets.length === 0 ? (
          <EmptyState title="No protected assets registered">
            Nothing is on the protected list yet, so every asset gets the default policy.
          </EmptyState>
        ) : (
          <Table caption="Protected assets" head={["Selector", "Business service", "Class", "Criticality", "Owner", "Expires"]}>
            {assets.map((a) => (
              <tr key={a.id}>
                <Td mono>
                  {a.selectorKind}:{a.selectorValue}
                </Td>
                <Td>{a.businessService}</Td>
                <Td>{a.assetClass}</Td>
                <Td>
                  <Badge tone={a.criticality === "CRITICAL" ? "red" : a.criticality === "HIGH" ? "amber" : "gray"}>{a.criticality.toLowerCase()}</Badge>
                </Td>
                <Td>{a.owner.name}</Td>
                <Td>
                  <Time value={a.expiresAt} />
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </>
  );
}
