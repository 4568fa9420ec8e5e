import Link from "next/link";
import { notFound } from "next/navigation";
import { EntryRecord } from "@/components/audit/audit-entry";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { db } from "@/lib/db/client";
import { AUDIT_TYPE_META } from "@/lib/domain/audit-types";
import { advanceChainCheckpoint } from "@/lib/server/audit-feed/advance-chain-checkpoint";
import { getAuditEvent } from "@/lib/server/audit-feed/get-audit-event";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { ExpectedError } from "@/lib/server/errors";

export const metadata = { title: "Audit event" };

export default async function AuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageUser("audit:view", `/audit/${id}`);
  let found;
  try {
    found = await getAuditEvent(db(), id);
  } catch (error) {
    if (error instanceof ExpectedError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const { event, previous, next, alert } = found;
  const chain = await advanceChainCheckpoint(db(), { budget: 1_000 });
  const verified = chain.verifiedUpToId !== null && BigInt(event.id) <= chain.verifiedUpToId;
  const meta = AUDIT_TYPE_META[event.type];
  return (
    <>
      <PageHeader title={`Audit event #${event.id}`} description={event.summary} actions={<Badge tone={meta.tone}>{meta.label}</Badge>} />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card title="The record">
            <p className="mb-3 text-sm text-slate-600">
              <Time value={new Date(event.occurredAt)} /> · by {event.actor.name}
            </p>
            <EntryRecord entry={event} />
          </Card>
          {alert && (
            <Card title="The alert" description={`${alert.title} — ${alert.severity}, ${alert.ruleId}, from ${alert.source} (${alert.format}, id ${alert.externalId})`}>
              <p className="mb-2 text-xs text-slate-500">
                Happened <Time value={alert.occurredAt} /> (sender&apos;s time) · received <Time value={alert.receivedAt} />
              </p>
              <pre className="max-h-96 overflow-auto rounded bg-slate-50 p-3 text-xs" aria-label="Raw alert">
                {JSON.stringify(alert.raw, null, 2)}
              </pre>
            </Card>
          )}
        </div>
        <Card title="Tamper evidence">
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="font-medium">Hash</dt>
              <dd className="break-all font-mono text-xs" data-testid="event-hash">
                {event.hash}
              </dd>
            </div>
            <div>
              <dt className="font-medium">Previous hash</dt>
              <dd className="break-all font-mono text-xs" data-testid="event-prev-hash">
                {event.prevHash ?? "none: the first event of its chain"}
              </dd>
            </div>
            <div>
              <dt className="font-medium">Chain</dt>
              <dd>
                Partition {event.partition}, event {event.seq}
              </dd>
            </div>
            <div>
              <dt className="font-medium">Links</dt>
              <dd className="space-y-1">
                {previous ? (
                  <p>
                    ← <Link href={`/audit/${previous.id}`} className="text-indigo-700 hover:underline">previous event #{previous.id}</Link>{" "}
                    {previous.linksUp ? <span className="text-emerald-700">hashes to this event&apos;s previous hash</span> : <span className="font-semibold text-red-700">does NOT hash to this event&apos;s previous hash</span>}
                  </p>
                ) : (
                  <p>No previous event in this chain.</p>
                )}
                {next ? (
                  <p>
                    → <Link href={`/audit/${next.id}`} className="text-indigo-700 hover:underline">next event #{next.id}</Link>{" "}
                    {next.linksUp ? <span className="text-emerald-700">points back to this hash</span> : <span className="font-semibold text-red-700">does NOT point back to this hash</span>}
                  </p>
                ) : (
                  <p>The newest event of this chain.</p>
                )}
              </dd>
            </div>
            <div>
              <dt className="font-medium">Verified</dt>
              <dd role="status" className={verified ? "text-emerald-700" : chain.state === "broken" ? "text-red-700" : "text-slate-600"}>
                {verified ? "Yes: its chain has been recomputed up to and past this event." : chain.sentence}
              </dd>
            </div>
          </dl>
        </Card>
      </div>
      <p className="mt-4 text-sm">
        <Link href="/audit" className="text-indigo-700 hover:underline">
          ← Audit feed
        </Link>
      </p>
    </>
  );
}
