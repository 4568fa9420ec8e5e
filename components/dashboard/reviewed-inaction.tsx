import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { THeldBackDecision, TRejectedEscalation } from "@/lib/server/dashboard/list-reviewed-inaction";

/** What was not done, and who or what decided so: rejected escalations and held-back decisions. */
export function ReviewedInaction({ rejected, heldBack }: { rejected: TRejectedEscalation[]; heldBack: THeldBackDecision[] }) {
  return (
    <section aria-labelledby="reviewed-inaction" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="border-b border-slate-200 px-5 py-4">
        <h2 id="reviewed-inaction" className="text-base font-semibold text-slate-900">
          Reviewed inaction
        </h2>
        <p className="mt-1 text-sm text-slate-600">Escalations an analyst rejected, with the reason they gave, and decisions the policy, a hold or an owner&apos;s requirement held back. Newest first, up to 50 each.</p>
      </header>
      <div className="grid gap-6 px-5 py-4">
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">Rejected escalations</h3>
          {rejected.length === 0 ? (
            <EmptyState title="No escalation was rejected in this window" />
          ) : (
            <Table caption="Rejected escalations" head={["Rejected", "By", "Target", "Proposed", "Playbook", "Reason"]}>
              {rejected.map((r) => (
                <tr key={r.escalationId}>
                  <Td>
                    <Time value={r.rejectedAt} />
                  </Td>
                  <Td>{r.rejectedBy ?? "unknown"}</Td>
                  <Td mono>{r.target.value}</Td>
                  <Td>{r.action}</Td>
                  <Td>{r.playbookKey}</Td>
                  <td className="px-3 py-2 align-top text-slate-800">
                    <Link href={`/policy/decisions/${r.decisionId}`} className="hover:underline">
                      {r.reason}
                    </Link>
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">Suppressed and forbidden decisions</h3>
          {heldBack.length === 0 ? (
            <EmptyState title="Nothing was suppressed or forbidden in this window" />
          ) : (
            <Table caption="Suppressed and forbidden decisions" head={["Alert time", "Verdict", "Target", "Proposed", "Playbook", "Why"]}>
              {heldBack.map((h) => (
                <tr key={h.decisionId}>
                  <Td>
                    <Time value={h.alertAt} />
                  </Td>
                  <Td>
                    <Badge tone={h.verdict === "forbid" ? "red" : "gray"}>{h.verdict === "forbid" ? "forbidden" : "suppressed"}</Badge>
                  </Td>
                  <Td mono>{h.target.value}</Td>
                  <Td>{h.action}</Td>
                  <Td>{h.playbookKey}</Td>
                  <td className="px-3 py-2 align-top text-slate-800">
                    <Link href={`/policy/decisions/${h.decisionId}`} className="hover:underline">
                      {h.reason}
                    </Link>
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </div>
      </div>
    </section>
  );
}
