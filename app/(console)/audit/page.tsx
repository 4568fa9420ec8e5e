import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/server/auth/authorize";

export const metadata = { title: "Audit feed" };

export default async function AuditPage() {
  await requirePageUser("audit:view", "/audit");
  const events = await db().auditEvent.findMany({
    orderBy: { id: "desc" },
    take: 100,
    select: { id: true, occurredAt: true, type: true, actorName: true, summary: true },
  });
  return (
    <>
      <PageHeader title="Audit feed" description="Everything Reflex saw and did, newest first. Every line is hash-chained and cannot be edited." />
      <Card title="Latest events">
        {events.length === 0 ? (
          <EmptyState title="No events yet">Alerts, decisions, containments and changes appear here as they happen.</EmptyState>
        ) : (
          <Table caption="Audit events" head={["#", "Time", "Actor", "Event"]}>
            {events.map((e) => (
              <tr key={e.id.toString()}>
                <Td mono>{e.id.toString()}</Td>
                <Td>
                  <Time value={e.occurredAt} />
                </Td>
                <Td>{e.actorName}</Td>
                <td className="px-3 py-2 text-slate-800">{e.summary}</td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </>
  );
}
