import "server-only";
import type { TDb } from "@/lib/db/client";
import type { TLookupTarget } from "@/lib/domain/lookup-query";
import { findMatchingContainments } from "./find-matching-containments";
import { findSignals } from "./find-signals";
import { loadEnforcementStatus } from "./load-enforcement-status";

/**
 * The bridge call's two questions about one entity and a window: did Reflex contain
 * anything matching it (when, why, is it still active, do the firewalls agree), and what
 * signals did Reflex see about it. The audit trail comes page by page from the feed.
 */
export async function lookupEntity(client: TDb, options: { targets: readonly TLookupTarget[]; from: Date; to: Date; now?: Date }) {
  const now = options.now ?? new Date();
  const [containments, signals] = await Promise.all([findMatchingContainments(client, options), findSignals(client, { ...options, now })]);
  const enforcement = await loadEnforcementStatus(client, containments, now);
  const active = containments.filter((c) => c.status === "ACTIVE" || c.status === "PENDING");
  return {
    containments: containments.map((c) => ({ ...c, enforcement: enforcement.get(c.id) ?? null })),
    signals,
    answer: {
      contained: containments.length > 0,
      activeCount: active.length,
      signalCount: signals.length,
      escalatedCount: signals.filter((s) => s.decisions.some((d) => d.verdict === "escalate")).length,
    },
  };
}

export type TLookupResult = Awaited<ReturnType<typeof lookupEntity>>;
