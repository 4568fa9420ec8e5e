import { Badge } from "@/components/ui/badge";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { VERDICT_LABELS } from "@/lib/domain/audit-types";
import { SLA_LABELS } from "@/lib/domain/escalation-sla";
import type { TSignal } from "@/lib/server/lookup/find-signals";

// "What signals did Reflex see about it?" — the alerts, how severe, what Reflex decided,
// and for escalations: to whom, and whether anyone answered in time.

const SEVERITY_TONE: Record<string, "gray" | "blue" | "amber" | "red" | "violet"> = { info: "gray", low: "blue", medium: "amber", high: "red", critical: "violet" };

function outcome(s: TSignal): string {
  if (s.status === "REJECTED") return `not acted on: ${s.rejectReason ?? "nothing to contain"}`;
  if (s.decisions.length === 0) return "decision pending";
  return s.decisions
    .map((d) => {
      const verdict = VERDICT_LABELS[d.verdict];
      if (!d.escalation) return `${verdict}${d.verdict !== "execute" && d.reasons[0] ? ` — ${d.reasons[0]}` : ""}`;
      const to = d.escalation.approver ?? d.approver ?? "the SOC queue";
      return `${verdict} to ${to}: ${d.escalation.status.toLowerCase()}, ${SLA_LABELS[d.escalation.sla]}`;
    })
    .join("; ");
}

export function SignalList({ signals }: { signals: TSignal[] }) {
  return (
    <Table caption="Signals Reflex saw" head={["Received", "Severity", "Alert", "From", "Target", "What Reflex did"]}>
      {signals.map((s) => (
        <tr key={s.id}>
          <Td>
            <Time value={s.receivedAt} />
          </Td>
          <Td>
            <Badge tone={SEVERITY_TONE[s.severity] ?? "gray"}>{s.severity}</Badge>
          </Td>
          <td className="max-w-md px-3 py-2 text-slate-800">
            {s.title}
            <span className="block font-mono text-xs text-slate-500">{s.ruleId}</span>
          </td>
          <Td>{s.source}</Td>
          <Td mono>
            {s.targetValue ?? "—"}
            {s.matchedAs !== "target" && (
              <span className="block font-sans text-xs text-slate-500">
                names {s.matchedEntity.value} as {s.matchedAs}
              </span>
            )}
          </Td>
          <td className={`max-w-md px-3 py-2 ${s.decisions.some((d) => d.escalation?.sla === "overdue") ? "text-red-700" : "text-slate-800"}`}>{outcome(s)}</td>
        </tr>
      ))}
    </Table>
  );
}
