import type { TAlertPhaseResult } from "./alert-phase";
import type { TBaselineResult } from "./baseline-phase";
import type { TLossCheck } from "./check-no-loss";
import type { TCpuReport } from "./cpu-sampler";
import type { TPipelineProfile } from "./pipeline-profile";
import type { TDbMatchingResult, TPureMatchingResult } from "./registration-matching";
import { perSecond, summarize, type TLatencySummary } from "./stats";
import type { TEnforcementWatch, TWatchStats } from "./enforcement-watch";
import type { TSessionReport } from "./session-sampler";

// What `reflex bench --json` prints; the table on stdout shows the same figures.

export type TPhaseSummary = Omit<TAlertPhaseResult, "acceptedIds" | "executedIps" | "ipStartedAt"> & {
  cpu: TCpuReport;
  sessions: TSessionReport | null;
  /** Audit events still waiting for the search indexer when the phase's last request was answered. */
  searchBacklog: number | null;
};

export type TEnforcementLatency = {
  /** From the start of the request carrying the alert to the first poll answer that held its target. */
  streamMs: TLatencySummary;
  feedMs: TLatencySummary;
  notOnStream: number;
  notOnFeed: number;
};

export type TTarget = { name: string; target: string; measured: string; met: boolean };

export type TBenchResult = {
  version: 1;
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; loadAverage: number[]; node: string; platform: string };
  command: string;
  database: { kind: string; description: string };
  console: { workers: boolean; buildStale: boolean; logFile: string } | null;
  baseline: (TBaselineResult & { cpu: TCpuReport }) | null;
  phases: TPhaseSummary[];
  enforcement: { pollIntervalMs: number; byPhase: Record<string, TEnforcementLatency>; streamPoll: TPollSummary; feedPoll: TPollSummary; streamDeleted: number } | null;
  loss: TLossCheck | null;
  matching: { pure: TPureMatchingResult | null; database: TDbMatchingResult | null };
  profile: TPipelineProfile | null;
  targets: TTarget[];
  notes: string[];
};

export type TPollSummary = { polls: number; errors: number; pollsPerSecond: number; roundTripMs: TLatencySummary };

export function phaseSummary(phase: TAlertPhaseResult, cpu: TCpuReport, sessions: TSessionReport | null, searchBacklog: number | null): TPhaseSummary {
  const { acceptedIds: _a, executedIps: _e, ipStartedAt: _s, ...rest } = phase;
  return { ...rest, cpu, sessions, searchBacklog };
}

export function enforcementLatency(phase: TAlertPhaseResult, watch: TEnforcementWatch): TEnforcementLatency {
  const stream: number[] = [];
  const feed: number[] = [];
  let notOnStream = 0;
  let notOnFeed = 0;
  for (const ip of phase.executedIps) {
    const start = phase.ipStartedAt.get(ip)!;
    const s = watch.streamSeen.get(ip);
    const f = watch.feedSeen.get(ip);
    if (s === undefined) notOnStream++;
    else stream.push(s - start);
    if (f === undefined) notOnFeed++;
    else feed.push(f - start);
  }
  return { streamMs: summarize(stream), feedMs: summarize(feed), notOnStream, notOnFeed };
}

export function pollSummary(stats: TWatchStats, spanMs: number): TPollSummary {
  return { polls: stats.polls, errors: stats.errors, pollsPerSecond: perSecond(stats.polls, spanMs), roundTripMs: summarize(stats.pollMs) };
}

const ms = (v: number) => `${Math.round(v)} ms`;

export function evaluateTargets(result: Pick<TBenchResult, "phases" | "enforcement" | "loss">): TTarget[] {
  const targets: TTarget[] = [];
  const single = result.phases.find((p) => p.name === "single");
  const batch = result.phases.find((p) => p.name === "batch");
  const flood = result.phases.find((p) => p.name === "flood");
  // The target is a rate: the flood offers it (open loop) and counts what is served. The
  // closed loop's figure depends on how many senders wait for their answers.
  if (flood) targets.push({ name: "single alerts (flood)", target: ">= 500 alerts/s", measured: `${Math.round(flood.alertsPerSecond)} alerts/s served of ${Math.round(flood.offeredPerSecond ?? 0)}/s offered`, met: flood.alertsPerSecond >= 500 && flood.failedRequests === 0 });
  if (single) targets.push({ name: "single alerts (closed loop)", target: ">= 500 alerts/s", measured: `${Math.round(single.alertsPerSecond)} alerts/s`, met: single.alertsPerSecond >= 500 && single.failedRequests === 0 });
  if (batch) targets.push({ name: "batched alerts", target: ">= 5,000 alerts/s", measured: `${Math.round(batch.alertsPerSecond)} alerts/s`, met: batch.alertsPerSecond >= 5000 && batch.failedRequests === 0 });
  if (!result.loss && result.phases.length > 0) targets.push({ name: "alerts lost", target: "0", measured: "not checked: the check failed (see the notes)", met: false });
  if (result.loss) {
    const l = result.loss;
    targets.push({ name: "alerts lost", target: "0", measured: `${l.missingAlerts} missing, ${l.undecidedAlerts} undecided (+${l.storedWithoutAnswer} stored but answered 5xx), ${l.missingFromFeed} not on the feed, ${l.notDeliveredByStream ?? "n/a"} not streamed; audit ${l.audit.ok ? "verified" : "BROKEN"}`, met: l.ok });
    if (l.deliveredMoreThanOnce !== null) targets.push({ name: "stream delivers each block", target: "exactly once", measured: `${l.deliveredMoreThanOnce} delivered more than once`, met: l.deliveredMoreThanOnce === 0 });
  }
  for (const [phase, e] of Object.entries(result.enforcement?.byPhase ?? {})) {
    for (const [where, s, missing] of [["stream", e.streamMs, e.notOnStream], ["feed", e.feedMs, e.notOnFeed]] as const) {
      const measured = s.count === 0 ? "no samples" : `p50 ${ms(s.p50)}, p99 ${ms(s.p99)}${missing ? `, ${missing} not seen` : ""}`;
      targets.push({ name: `alert → ${where} (${phase} load)`, target: "p50 <= 200 ms, p99 <= 1 s", measured, met: s.count > 0 && s.p50 <= 200 && s.p99 <= 1000 && missing === 0 });
    }
  }
  return targets;
}
