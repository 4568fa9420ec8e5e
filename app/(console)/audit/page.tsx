import { AuditFeed } from "@/components/audit/audit-feed";
import { AuditFilters } from "@/components/audit/audit-filters";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/lib/db/client";
import { auditSearchBacklog } from "@/lib/server/audit/index-audit-search";
import { advanceChainCheckpoint } from "@/lib/server/audit-feed/advance-chain-checkpoint";
import { FEED_PARAMS, feedQueryString, parseFeedQuery } from "@/lib/server/audit-feed/feed-query";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { ExpectedError } from "@/lib/server/errors";

export const metadata = { title: "Audit feed" };

type TSearch = Record<string, string | string[] | undefined>;

// The indexer keeps a flood's last few seconds queued (about 4,000 events at 550 alerts/s);
// ten times that means it is not keeping up, or not running.
const SEARCH_BACKLOG_NOTICE = 40_000;
const SEARCH_BACKLOG_CAP = 1_000_000;

/** An ISO time as a datetime-local field shows it (UTC, to the minute). */
function forInput(value: string | undefined): string | undefined {
  const date = value ? new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) || !value.includes("T") ? value : `${value}Z`) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 16) : value;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  await requirePageUser("audit:view", "/audit");
  const search = await searchParams;
  const query = feedQueryString(search);
  let problem: string | null = null;
  try {
    parseFeedQuery(new URLSearchParams(query));
  } catch (error) {
    if (!(error instanceof ExpectedError)) throw error;
    problem = error.message;
  }
  const [chain, playbooks, policies, unindexed] = await Promise.all([
    advanceChainCheckpoint(db(), { budget: 1_000 }),
    db().playbook.findMany({ distinct: ["key"], select: { key: true }, orderBy: { key: "asc" } }),
    db().policyVersion.findMany({ where: { status: { not: "DRAFT" } }, select: { version: true }, orderBy: { version: "desc" } }),
    typeof search.q === "string" && search.q ? auditSearchBacklog(db(), { cap: SEARCH_BACKLOG_CAP + 1 }) : 0,
  ]);
  const values = Object.fromEntries(FEED_PARAMS.map((k) => [k, typeof search[k] === "string" ? (search[k] as string) : undefined]));
  return (
    <>
      <PageHeader
        title="Audit feed"
        description="Everything Reflex saw and did, and what it decided not to do, newest first. Every line is hash-chained and cannot be edited."
      />
      <div className="space-y-4">
        <Card>
          <AuditFilters values={{ ...values, from: forInput(values.from), to: forInput(values.to) }} playbooks={playbooks.map((p) => p.key)} policyVersions={policies.map((p) => p.version)} />
          {unindexed >= SEARCH_BACKLOG_NOTICE && (
            <p role="status" className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {unindexed > SEARCH_BACKLOG_CAP ? `More than ${SEARCH_BACKLOG_CAP.toLocaleString("en-US")}` : unindexed.toLocaleString("en-US")} events are not indexed for search yet. Searches
              still read them, more slowly the more there are. If this number keeps growing, no job worker is indexing them: start the console with its workers or run
              <code className="mx-1">npx reflex worker</code>.
            </p>
          )}
          {problem && (
            <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {problem}
            </p>
          )}
        </Card>
        {!problem && (
          <Card title="Events">
            <AuditFeed
              query={query}
              chain={{ state: chain.state, sentence: chain.sentence, checkedAt: chain.checkedAt, verifiedUpToId: chain.verifiedUpToId?.toString() ?? null }}
              emptyText={query ? "Nothing matches these filters." : "Alerts, decisions, containments and changes appear here as they happen."}
            />
          </Card>
        )}
      </div>
    </>
  );
}
