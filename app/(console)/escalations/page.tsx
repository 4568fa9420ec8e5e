import { EscalationItem } from "@/components/escalations/escalation-item";
import { ResolvedEscalations } from "@/components/escalations/resolved-escalations";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { isNamedApprover } from "@/lib/domain/escalation-review";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/server/auth/authorize";
import type { TCurrentUser } from "@/lib/server/auth/current-user";
import { listEscalations, type TEscalationItem, type TQueueScope } from "@/lib/server/escalations/list-escalations";

export const metadata = { title: "Escalations" };

function rightsFor(user: TCurrentUser, item: TEscalationItem) {
  const owner = user.role === "OWNER";
  const named = isNamedApprover(item.approvers, user);
  const canDecide = user.role === "CISO" || user.role === "SOC" || owner;
  return {
    approve: canDecide && item.approvers.length <= 1 && (item.approvers.length === 1 ? named : !owner),
    reject: canDecide && (!owner || named),
    assign: !owner && canDecide,
    sendLink: !owner && canDecide && item.approvers.length > 0,
  };
}

export default async function EscalationsPage() {
  const user = await requirePageUser("escalation:view", "/escalations");
  // Owners see only approval requests addressed to them.
  const scope: TQueueScope = user.role === "OWNER" ? { kind: "addressed", email: user.email, name: user.name } : { kind: "all" };
  const { open, resolved } = await listEscalations(db(), { scope, now: new Date() });
  const overdue = open.filter((e) => e.sla === "overdue").length;
  return (
    <>
      <PageHeader
        title="Escalations"
        description={user.role === "OWNER" ? "Containment requests that your registrations send to you for approval." : "Decisions Reflex did not take on its own, each with its recommendation. Approving decides again against today's policy before anything runs."}
      />
      <div className="space-y-6">
        <Card title={`Open (${open.length})`} description={overdue > 0 ? <span className="font-semibold text-red-700">{overdue} past their SLA</span> : undefined}>
          {open.length === 0 ? (
            <EmptyState title="Nothing waiting for a human">When a containment needs a person&apos;s decision, it arrives here with the evidence and a recommendation.</EmptyState>
          ) : (
            <div className="space-y-4">
              {open.map((e) => (
                <EscalationItem key={e.id} item={e} rights={rightsFor(user, e)} />
              ))}
            </div>
          )}
        </Card>
        <Card title="Resolved" description="Approvals, rejections (reviewed inaction) and escalations the decision overtook, newest first.">
          <ResolvedEscalations items={resolved} />
        </Card>
      </div>
    </>
  );
}
