import { Badge, type TBadgeTone } from "@/components/ui/badge";
import { SLA_LABELS, type TSlaState } from "@/lib/domain/escalation-sla";

const TONE: Record<TSlaState, TBadgeTone> = { open: "blue", overdue: "red", answered: "green", "answered-late": "amber", superseded: "gray" };

export function SlaBadge({ state }: { state: TSlaState }) {
  return <Badge tone={TONE[state]}>{state === "overdue" ? "Overdue: " : ""}{SLA_LABELS[state]}</Badge>;
}
