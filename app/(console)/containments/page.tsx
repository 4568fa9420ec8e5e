import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/server/auth/authorize";

export const metadata = { title: "Containments" };

const TONE = { PENDING: "amber", ACTIVE: "red", RELEASED: "green", EXPIRED: "gray", FAILED: "violet" } as const;

export default async function ContainmentsPage() {
  await requirePageUser("containment:view", "/containments");
  const rows = await db().containment.findMany({ orderBy: { createdAt: "desc" }, take: 200 });
  return (
    <>
      <PageHeader title="Containments" description="What Reflex blocked, isolated or disabled, and whether it is still in force." />
      <Card title="Latest">
        {rows.length === 0 ? (
          <EmptyState title="No containments yet">Nothing has been contained. When the signed policy lets Reflex act, each containment shows here with its reason and expiry.</EmptyState>
        ) : (
          <Table caption="Containments" head={["Target", "Action", "Status", "Reason", "Created", "Expires"]}>
            {rows.map((c) => (
              <tr key={c.id}>
                <Td mono>{c.targetValue}</Td>
                <Td>{c.action}</Td>
                <Td>
                  <Badge tone={TONE[c.status]}>{c.status.toLowerCase()}</Badge>
                </Td>
                <td className="px-3 py-2 text-slate-800">{c.reason}</td>
                <Td>
                  <Time value={c.createdAt} />
                </Td>
                <Td>
                  <Time value={c.expiresAt} />
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </>
  );
}
