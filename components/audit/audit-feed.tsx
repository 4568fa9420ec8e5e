"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { TAuditPage } from "@/lib/server/audit-feed/list-audit-events";
import { AuditEntry } from "./audit-entry";
import { auditKeys, fetchJson } from "./audit-api";
import { ChainStatus, useChainStatus, type TChainStatusView } from "./chain-status";

// The live feed: newest first, every loaded page refetched every 2 s. React Query refetches
// an infinite query page by page, each next cursor taken from the freshly fetched page, so
// the pages stay contiguous: a new event enters at the top, and an event whose transaction
// committed late (with an id below the newest one shown) appears in its place.

export const LIVE_INTERVAL_MS = 2000;

export function AuditFeed({ query, chain, emptyText }: { query: string; chain: TChainStatusView; emptyText: string }) {
  const [live, setLive] = useState(true);
  const chainStatus = useChainStatus(chain);
  const feed = useInfiniteQuery({
    queryKey: auditKeys.feed(query),
    queryFn: ({ pageParam }) => fetchJson<TAuditPage>(`/api/v1/audit?${query}${query ? "&" : ""}sections=events${pageParam ? `&cursor=${pageParam}` : ""}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: live ? LIVE_INTERVAL_MS : false,
    staleTime: 0,
  });
  const events = feed.data?.pages.flatMap((p) => p.events) ?? [];
  const verifiedUpTo = chainStatus.data.verifiedUpToId ? BigInt(chainStatus.data.verifiedUpToId) : null;
  return (
    <div className="space-y-3">
      <ChainStatus status={chainStatus.data} />
      <div className="flex items-center justify-between text-xs text-slate-500">
        <span aria-live="polite">{live ? `Live: checks for new events every ${LIVE_INTERVAL_MS / 1000} s` : "Live updates paused"}</span>
        <Button variant="ghost" onClick={() => setLive(!live)}>
          {live ? "Pause live updates" : "Resume live updates"}
        </Button>
      </div>
      {feed.isError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {feed.error.message}
        </p>
      )}
      {feed.isPending ? (
        <p className="text-sm text-slate-500">Loading events…</p>
      ) : events.length === 0 && !feed.isError ? (
        <EmptyState title="No events">{emptyText}</EmptyState>
      ) : (
        <ol aria-label="Audit events" className="divide-y divide-slate-100">
          {events.map((e) => (
            <AuditEntry key={e.id} entry={e} verified={verifiedUpTo !== null && BigInt(e.id) <= verifiedUpTo} />
          ))}
        </ol>
      )}
      {feed.hasNextPage && (
        <Button variant="secondary" onClick={() => feed.fetchNextPage()} disabled={feed.isFetchingNextPage}>
          {feed.isFetchingNextPage ? "Loading…" : "Load older events"}
        </Button>
      )}
    </div>
  );
}
