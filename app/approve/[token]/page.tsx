import { LinkPageFrame } from "@/components/links/link-page-frame";
import { Time } from "@/components/ui/time";
import { db } from "@/lib/db/client";
import { formatShortDuration } from "@/lib/domain/go-duration";
import type { TStoredRecommendation } from "@/lib/domain/escalation-review";
import { ACTION_LABELS } from "@/lib/domain/types";
import { checkApprovalLink } from "@/lib/server/escalations/approval-links";
import { ApproveLinkForm } from "./approve-link-form";
import { APPROVAL_REFUSAL_TEXT } from "./refusal-text";

// The page an approval link opens, without signing in (proxy.ts leaves /approve alone).

export const dynamic = "force-dynamic";
export const metadata = { title: "Approve a containment", robots: { index: false } };

export default async function ApproveLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodeURIComponent((await params).token);
  const verdict = await checkApprovalLink(db(), token);
  if (!verdict.ok) {
    const text = APPROVAL_REFUSAL_TEXT[verdict.reason];
    return (
      <LinkPageFrame kind="Reflex approval request" title={text.title}>
        <p role="alert">{text.body}</p>
      </LinkPageFrame>
    );
  }
  const e = await db().escalation.findUniqueOrThrow({ where: { id: verdict.row.escalationId }, include: { decision: { select: { alert: { select: { title: true } } } } } });
  const r = e.recommendation as TStoredRecommendation;
  const title = `${ACTION_LABELS[r.action]} ${r.target.value}`;
  return (
    <LinkPageFrame kind="Reflex approval request" title={e.status === "OPEN" ? `Approve ${title}?` : `${title}: already ${e.status.toLowerCase()}`}>
      <dl className="grid grid-cols-[9rem_1fr] gap-y-1">
        <dt className="font-medium">Alert</dt>
        <dd>{e.decision.alert.title}</dd>
        <dt className="font-medium">Why you</dt>
        <dd>{r.whyNotExecuted}</dd>
        <dt className="font-medium">Recommendation</dt>
        <dd>{r.recommendation}</dd>
        <dt className="font-medium">Confidence</dt>
        <dd>{r.confidence.toFixed(3)}</dd>
        <dt className="font-medium">Blast radius</dt>
        <dd>{r.blastRadius.count}</dd>
        <dt className="font-medium">Would run for</dt>
        <dd>{r.ttlSeconds ? formatShortDuration(r.ttlSeconds) : "—"}</dd>
        <dt className="font-medium">Answer due</dt>
        <dd>
          <Time value={e.slaDueAt} />
        </dd>
        <dt className="font-medium">Link for</dt>
        <dd>
          {verdict.row.addressee}, valid until <Time value={verdict.row.expiresAt} />, once
        </dd>
      </dl>
      {e.status === "OPEN" ? (
        <ApproveLinkForm token={token} title={title} />
      ) : (
        <p role="status">
          {e.resolvedByName ? `${e.resolvedByName} answered it` : "It was answered"}
          {e.resolution ? `: ${e.resolution}` : ""}. Nothing to do; this link was not used.
        </p>
      )}
    </LinkPageFrame>
  );
}
