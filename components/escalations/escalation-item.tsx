import { Time } from "@/components/ui/time";
import { formatShortDuration } from "@/lib/domain/go-duration";
import { ACTION_LABELS } from "@/lib/domain/types";
import type { TEscalationItem } from "@/lib/server/escalations/list-escalations";
import { EscalationActions, type TAnswerRights } from "./escalation-actions";
import { SlaBadge } from "./sla-badge";

/** One open escalation with everything the analyst needs to answer it without digging. */
export function EscalationItem({ item, rights }: { item: TEscalationItem; rights: TAnswerRights }) {
  const r = item.recommendation;
  const title = `${ACTION_LABELS[r.action]} ${r.target.value}`;
  return (
    <article aria-label={`Escalation: ${title}`} className={`rounded-lg border bg-white p-4 shadow-sm ${item.sla === "overdue" ? "border-red-300" : "border-slate-200"}`}>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 className="text-base font-semibold text-slate-900">
            {ACTION_LABELS[r.action]} <span className="font-mono">{r.target.value}</span>
          </h3>
          <p className="text-sm text-slate-600">{item.alertTitle} · playbook {item.playbookKey}{item.policyVersion ? ` · policy v${item.policyVersion}` : ""}</p>
        </div>
        <div className="flex flex-col items-end gap-1 text-sm">
          <SlaBadge state={item.sla} />
          <span className="text-slate-600">
            due <Time value={item.slaDueAt} />
          </span>
        </div>
      </header>
      <dl className="mt-3 grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium text-slate-700">Why not executed</dt>
        <dd className="text-slate-900">{r.whyNotExecuted}</dd>
        <dt className="font-medium text-slate-700">Recommendation</dt>
        <dd className="text-slate-900">{r.recommendation}</dd>
        <dt className="font-medium text-slate-700">Confidence</dt>
        <dd>{r.confidence.toFixed(3)}</dd>
        <dt className="font-medium text-slate-700">Blast radius</dt>
        <dd>
          {r.blastRadius.count}
          {r.blastRadius.items.length > 0 ? ` (${r.blastRadius.items.join(", ")})` : ""}
        </dd>
        <dt className="font-medium text-slate-700">Evidence</dt>
        <dd>
          <ul className="list-disc pl-5">
            {r.evidence.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </dd>
        <dt className="font-medium text-slate-700">Would run for</dt>
        <dd>{r.ttlSeconds ? formatShortDuration(r.ttlSeconds) : "no TTL under the current policy"}</dd>
        <dt className="font-medium text-slate-700">Approval by</dt>
        <dd>{item.approvers.length > 0 ? item.approvers.join(" and ") : "any SOC analyst or the CISO"}</dd>
        <dt className="font-medium text-slate-700">Owner</dt>
        <dd>{item.assigneeName ?? <span className="text-slate-500">unassigned</span>}</dd>
      </dl>
      <EscalationActions
        escalationId={item.id}
        title={title}
        targetKind={r.target.kind}
        action={r.action}
        ttlSeconds={r.ttlSeconds}
        approvers={item.approvers}
        assigneeName={item.assigneeName}
        rights={rights}
      />
    </article>
  );
}
