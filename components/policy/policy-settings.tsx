import { describeCell } from "@/lib/domain/policy-wording";
import type { TPolicyDocument } from "@/lib/domain/types";

/** Everything besides the grid: the default rule, fail mode, SLA and the rationale, read-only. */
export function PolicySettings({ document }: { document: TPolicyDocument }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
      <dt className="font-medium text-slate-700">Default rule (anything without a cell)</dt>
      <dd>{describeCell(document.defaultRule)}</dd>
      <dt className="font-medium text-slate-700">Fail mode (context sources down)</dt>
      <dd>{document.failMode}</dd>
      <dt className="font-medium text-slate-700">Escalation SLA</dt>
      <dd>{document.escalationSlaMinutes} minutes</dd>
      <dt className="font-medium text-slate-700">Rationale</dt>
      <dd className="whitespace-pre-wrap">{document.rationale || "—"}</dd>
    </dl>
  );
}
