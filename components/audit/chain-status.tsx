"use client";

import { useQuery } from "@tanstack/react-query";
import { auditKeys, fetchJson } from "./audit-api";

export type TChainStatusView = { state: "verified" | "catching-up" | "broken"; verifiedUpToId: string | null; sentence: string; checkedAt: string | null };

/**
 * "Verified up to event N", refreshed every 10 s. Each refresh also moves the server's
 * checkpoint forward a bounded step (GET /api/v1/audit/chain).
 */
export function useChainStatus(initial: TChainStatusView) {
  return useQuery({ queryKey: auditKeys.chain(), queryFn: () => fetchJson<TChainStatusView>("/api/v1/audit/chain"), initialData: initial, refetchInterval: 10_000 });
}

export function ChainStatus({ status }: { status: TChainStatusView }) {
  const tone = status.state === "broken" ? "bg-red-50 text-red-900 ring-red-600/30" : status.state === "verified" ? "bg-emerald-50 text-emerald-900 ring-emerald-600/20" : "bg-sky-50 text-sky-900 ring-sky-600/20";
  return (
    <p role="status" data-testid="chain-status" className={`rounded-md px-3 py-2 text-sm ring-1 ring-inset ${tone}`}>
      {status.sentence}
    </p>
  );
}
