import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { SlaBadge } from "@/components/escalations/sla-badge";
import { db } from "@/lib/db/client";
import { escalationSlaState } from "@/lib/domain/escalation-sla";
import { formatScore } from "@/lib/domain/decide-wording";
import { requirePageUser } from "@/lib/server/auth/authorize";

export const metadata = { title: "Recorded decision" };

// Where a backtest's rows link to: the alert as it arrived and the decision as it was
// recorded (verdict, reasons, policy and playbook versions), with its audit trail.
export default async function RecordedDecisionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageUser("policy:view", `/policy/decisions/${id}`);
  const decision = await db().decision.findUnique({ where: { id }, include: { alert: true, containment: { select: { id: true, status: true } }, escalation: { select: { status: true, slaDueAt: true, resolvedAt: true, resolvedByName: true, resolution: true } } } });
  if (!decision) notFound();
  const events = await db().auditEvent.findMany({ where: { alertId: decision.alertId }, orderBy: { id: "asc" }, take: 50, select: { id: true, occurredAt: true, type: true, actorName: true, summary: true } });
  const reasons = Array.isArray(decision.reasons) ? (decision.reasons as string[]) : [];
  const { alert } = decision;
  return (
    <>
      <PageHeader
        title={alert.title}
        description={<>Alert from {alert.source} ({alert.format}, rule {alert.ruleId}), happened <Time value={alert.occurredAt} />, received <Time value={alert.receivedAt} />.</>}
        actions={
          <Link href="/policy" className="text-sm font-semibold text-indigo-700 hover:underline">
            ← Policy
          </Link>
        }
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="What the playbook proposed">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-medium">Playbook</dt>
            <dd>
              {decision.playbookKey} v{decision.playbookVersion}
            </dd>
            <dt className="font-medium">Action</dt>
            <dd>
              {decision.action} {decision.targetKind} {decision.targetValue}
            </dd>
            <dt className="font-medium">Asset class</dt>
            <dd>{decision.assetClass}</dd>
            <dt className="font-medium">Confidence</dt>
            <dd>{formatScore(decision.confidence)}</dd>
            <dt className="font-medium">Blast radius</dt>
            <dd>{decision.blastRadiusCount}</dd>
            <dt className="font-medium">Context</dt>
            <dd>
              {decision.contextStatus}: {decision.contextSummary}
            </dd>
          </dl>
        </Card>
        <Card title={`Decided under ${decision.policyVersion ? `policy v${decision.policyVersion}` : "no policy"}`} actions={<Badge tone={decision.verdict === "execute" ? "red" : "blue"}>{decision.verdict}</Badge>}>
          <ol className="list-decimal space-y-1 pl-5 text-sm">
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ol>
          {decision.containment && (
            <p className="mt-3 text-sm">
              <Link href={`/containments/${decision.containment.id}`} className="font-semibold text-indigo-700 hover:underline">
                The containment ({decision.containment.status.toLowerCase()})
              </Link>
            </p>
          )}
          {decision.escalation && (
            <p className="mt-3 flex flex-wrap items-center gap-2 text-sm">
              Escalation: {decision.escalation.status.toLowerCase()}
              {decision.escalation.resolvedByName ? ` by ${decision.escalation.resolvedByName}` : ""}
              {decision.escalation.resolution ? ` — ${decision.escalation.resolution}` : ""} <SlaBadge state={escalationSlaState(decision.escalation, new Date())} />
              {decision.escalation.status === "OPEN" && (
                <Link href="/escalations" className="text-indigo-700 hover:underline">
                  answer it in the queue
                </Link>
              )}
            </p>
          )}
        </Card>
      </div>
      <div className="mt-6">
        <Card title="Audit trail of this alert">
          <Table caption="Audit events of this alert" head={["#", "Time", "Actor", "Event"]}>
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
        </Card>
      </div>
    </>
  );
}
