import { Badge, type TBadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { ACTION_LABELS } from "@/lib/domain/types";
import type { TEscalationItem } from "@/lib/server/escalations/list-escalations";
import { SlaBadge } from "./sla-badge";

const OUTCOME: Record<TEscalationItem["status"], { label: string; tone: TBadgeTone }> = {
  OPEN: { label: "open", tone: "blue" },
  APPROVED: { label: "approved", tone: "green" },
  REJECTED: { label: "rejected: reviewed inaction", tone: "violet" },
  SUPERSEDED: { label: "superseded", tone: "gray" },
};

export function ResolvedEscalations({ items }: { items: TEscalationItem[] }) {
  if (items.length === 0) return <EmptyState title="No answered escalations yet" />;
  return (
    <Table caption="Resolved escalations" head={["Target", "Proposed action", "Outcome", "By", "When", "SLA", "Reason"]}>
      {items.map((e) => (
        <tr key={e.id}>
          <Td mono>{e.recommendation.target.value}</Td>
          <Td>{ACTION_LABELS[e.recommendation.action]}</Td>
          <Td>
            <Badge tone={OUTCOME[e.status].tone}>{OUTCOME[e.status].label}</Badge>
          </Td>
          <Td>{e.resolvedByName ?? "—"}</Td>
          <Td>
            <Time value={e.resolvedAt} />
          </Td>
          <Td>
            <SlaBadge state={e.sla} />
          </Td>
          <td className="px-3 py-2 align-top text-slate-800">
            {e.resolution}
            {e.containmentId && (
              <>
                {" "}
                <a href={`/containments/${e.containmentId}`} className="text-indigo-700 underline">
                  containment
                </a>
              </>
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}
