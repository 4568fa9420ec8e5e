import { AuditFeed } from "@/components/audit/audit-feed";
import { ContainmentAnswers } from "@/components/lookup/containment-answers";
import { LookupForm } from "@/components/lookup/lookup-form";
import { ProtectionStatus } from "@/components/lookup/protection-status";
import { ShareLookup } from "@/components/lookup/share-lookup";
import { SignalList } from "@/components/lookup/signal-list";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/lib/db/client";
import { describeTargets } from "@/lib/domain/lookup-query";
import { advanceChainCheckpoint } from "@/lib/server/audit-feed/advance-chain-checkpoint";
import { feedQueryString, parseFeedQuery, type TFeedQuery } from "@/lib/server/audit-feed/feed-query";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { canRelease } from "@/lib/server/containments/containments-for-page";
import { ExpectedError } from "@/lib/server/errors";
import { lookupEntity } from "@/lib/server/lookup/lookup-entity";

export const metadata = { title: "Bridge-call lookup" };

type TSearch = Record<string, string | string[] | undefined>;

const minute = (d: Date) => d.toISOString().slice(0, 16);
const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

function parse(search: TSearch): { query: TFeedQuery | null; problem: string | null } {
  const text = feedQueryString(search, ["entity", "kind", "from", "to"]);
  if (!search.entity) return { query: null, problem: null };
  try {
    return { query: parseFeedQuery(new URLSearchParams(text)), problem: null };
  } catch (error) {
    if (error instanceof ExpectedError) return { query: null, problem: error.message };
    throw error;
  }
}

export default async function LookupPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const user = await requirePageUser("audit:view", "/lookup");
  const search = await searchParams;
  const { query, problem } = parse(search);
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const values = { entity: first(search.entity), kind: first(search.kind), from: query?.from ? minute(query.from) : first(search.from), to: query?.to && first(search.to) ? minute(query.to) : first(search.to) };
  return (
    <>
      <PageHeader
        title="Bridge-call lookup"
        description="Did security cause this? Are we breached? Type what is on the bridge: an address, a range, a host, an account or an application."
      />
      <div className="space-y-4">
        <Card>
          <LookupForm values={values} />
          {problem && (
            <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {problem}
            </p>
          )}
        </Card>
        {query?.entity && query.from && query.to ? <Answer user={user} query={{ ...query, entity: query.entity, from: query.from, to: query.to, live: feedQueryString(search, ["entity", "kind", "from", "to"]) }} /> : null}
      </div>
    </>
  );
}

/** `live`: the query as typed; without an end of window the trail keeps following new events. */
type TAnswerQuery = TFeedQuery & { entity: NonNullable<TFeedQuery["entity"]>; from: Date; to: Date; live: string };

async function Answer({ user, query }: { user: Parameters<typeof canRelease>[0]; query: TAnswerQuery }) {
  const { entity, from, to } = query;
  const [result, chain] = await Promise.all([lookupEntity(db(), { targets: entity.targets, from, to }), advanceChainCheckpoint(db(), { budget: 1_000 })]);
  const releasable = new Set<string>();
  for (const c of result.containments) if (await canRelease(user, c)) releasable.add(c.id);
  // The permalink pins the window, so everyone on the bridge reads the same answer.
  const pinned = new URLSearchParams({ entity: entity.text, ...(entity.kind !== "any" ? { kind: entity.kind } : {}), from: from.toISOString(), to: to.toISOString() }).toString();
  const what = describeTargets(entity.targets);
  const { answer } = result;
  return (
    <>
      <Card
        title={`${what}, ${utc(from)} → ${utc(to)}`}
        actions={<ShareLookup query={pinned} />}
      >
        <div role="status" data-testid="lookup-answer" className="space-y-1 text-sm">
          <p className="text-base font-semibold">
            {answer.activeCount > 0
              ? `Yes: Reflex is containing ${answer.activeCount === 1 ? "something" : `${answer.activeCount} things`} matching ${entity.text} right now.`
              : answer.contained
                ? `Reflex contained something matching ${entity.text} in this window; nothing is in force now.`
                : `No: Reflex did not contain anything matching ${entity.text} in this window.`}
          </p>
          <p>
            {answer.signalCount === 0
              ? "Reflex saw no alert about it."
              : `Reflex saw ${answer.signalCount} alert${answer.signalCount === 1 ? "" : "s"} about it${answer.escalatedCount ? `, ${answer.escalatedCount} escalated to a person` : ""}.`}
          </p>
          <ProtectionStatus targets={entity.targets} />
        </div>
      </Card>
      <Card title="Containments" description="Anything Reflex blocked, isolated or disabled that touches this, in force at some point of the window.">
        {result.containments.length === 0 ? <EmptyState title="Nothing contained">No containment touching {entity.text} was in force in this window.</EmptyState> : <ContainmentAnswers containments={result.containments} releasable={releasable} />}
      </Card>
      <Card title="Signals" description="Alerts about it that Reflex received in the window, and what it did with each.">
        {result.signals.length === 0 ? <EmptyState title="No signals">No alert about {entity.text} arrived in this window.</EmptyState> : <SignalList signals={result.signals} />}
      </Card>
      <Card title="Audit trail" description="Every signed event about it in the window, newest first.">
        <AuditFeed
          query={query.live}
          chain={{ state: chain.state, sentence: chain.sentence, checkedAt: chain.checkedAt, verifiedUpToId: chain.verifiedUpToId?.toString() ?? null }}
          emptyText={`No audit event about ${entity.text} in this window.`}
        />
      </Card>
    </>
  );
}
