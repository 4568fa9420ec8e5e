import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { isOwnerScoped } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/server/auth/authorize";

export const metadata = { title: "Escalations" };

export default async function EscalationsPage() {
  const user = await requirePageUser("escalation:view", "/escalations");
  // Owners see only approval requests addressed to them.
  const where = isOwnerScoped(user.role, "escalation:view") ? { status: "OPEN" as const, approver: user.email } : { status: "OPEN" as const };
  const open = await db().escalation.findMany({
    where,
    orderBy: { slaDueAt: "asc" },
    take: 200,
    include: { decision: { select: { action: true, targetValue: true, confidence: true, reasons: true } } },
  });
  return (
    <>
      <PageHeader title="Escalations" description="Decisions Reflex did not take on its own, each with its recommendation." />
      <Card title="Open">
        {open.length === 0 ? (
          <EmptyState title="Nothing waiting for a human">When a containment needs a person's decision, it arrives here with the evidence and a recommendation.</EmptyState>
        ) : (
          <Table caption="Open escalations" head={["Target", "Proposed action", "Confidence", "Why escalated", "SLA due"]}>
            {open.map((e) => (
              <tr key={e.id}>
                <Td mono>{e.decision.targetValue}</Td>
                <Td>{e.decision.action}</Td>
                <Td>{e.decision.confidence.toFixed(2)}</Td>
                <td className="px-3 py-2 text-slate-800">{(e.decision.reasons as string[])[0] ?? ""}</td>
                <Td>
                  <Time value={e.slaDueAt} />
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </>
  );
}
