import type { TBenchResult } from "./bench-result";
import type { TCpuReport } from "./cpu-sampler";
import type { TLatencySummary } from "./stats";

// The readable form of a run: what docs/BENCHMARKS.md quotes.

const n0 = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString("en-US") : "–");
const n1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "–");
const n2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : "–");

function latency(s: TLatencySummary, unit = "ms", fmt = n1): string {
  if (s.count === 0) return "no samples";
  return `p50 ${fmt(s.p50)}  p90 ${fmt(s.p90)}  p99 ${fmt(s.p99)}  max ${fmt(s.max)} ${unit} (n=${n0(s.count)})`;
}

function cpu(report: TCpuReport): string {
  if (!report) return "";
  const s = report.seconds;
  const share = (v: number) => `${Math.round((v / report.wallSeconds) * 100)}%`;
  return `CPU (of one core): console ${share(s.console)}, database ${share(s.database)}, load generator ${share(s.bench)}, other processes ${share(s.other)}; machine ${Math.round(report.machineBusy * 100)}% busy on ${report.cores} cores`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd());
}

export function formatReport(r: TBenchResult): string {
  const out: string[] = [];
  out.push(`Reflex benchmark, ${r.startedAt}`);
  out.push(`  machine   ${r.machine.cpus} × ${r.machine.cpuModel}, ${n0(r.machine.memoryGiB)} GiB, Node ${r.machine.node}, load average at start ${r.machine.loadAverage.map(n2).join(" ")}`);
  out.push(`  database  ${r.database.description}`);
  if (r.console) out.push(`  console   serve-console (production build${r.console.buildStale ? ", OLDER THAN THE SOURCES" : ""}), job workers ${r.console.workers ? "on" : "off (REFLEX_WORKERS=0)"}`);
  out.push(`  command   ${r.command}`);

  if (r.baseline) {
    const b = r.baseline;
    out.push("", `Baseline: ${n0(b.requests)} HEAD /api/crowdsec/v1/decisions/stream (HTTP, one token lookup), ${b.failed} failed`);
    out.push(`  throughput  ${n0(b.requestsPerSecond)} requests/s; latency ${latency(b.latencyMs)}`);
    if (b.cpu) out.push(`  ${cpu(b.cpu)}`, `  CPU per request: console ${n2((b.cpu.seconds.console * 1000) / Math.max(1, b.requests))} ms, database ${n2((b.cpu.seconds.database * 1000) / Math.max(1, b.requests))} ms`);
  }

  for (const p of r.phases.filter((p) => p.name !== "warmup")) {
    const title = { single: "Single alerts", flood: "Flood of single alerts (open loop)", batch: "Batches" }[p.name] ?? p.name;
    out.push("", `${title}: ${n0(p.requestsSent)} requests, ${n0(p.alertsSent)} alerts${p.timedOut ? " (stopped at the time limit)" : ""}`);
    out.push(`  throughput  ${n0(p.alertsPerSecond)} alerts/s (${n1(p.requestsPerSecond)} requests/s over ${n2(p.spanMs / 1000)} s)`);
    if (p.offeredPerSecond) out.push(`  offered     ${n0(p.offeredPerSecond)} requests/s (open loop), sent at ${n1(p.sentPerSecond)}/s`);
    out.push(`  latency     ${latency(p.latencyMs)}`);
    out.push(`  accepted    ${n0(p.accepted)}, duplicates ${n0(p.duplicates)}, failed requests ${n0(p.failedRequests)}; verdicts ${Object.entries(p.verdicts).map(([v, c]) => `${v} ${n0(c)}`).join(", ") || "none"}`);
    for (const e of p.errorSamples) out.push(`  error       ${e}`);
    if (p.cpu) {
      out.push(`  ${cpu(p.cpu)}`);
      if (p.accepted > 0) out.push(`  CPU per alert: console ${n1((p.cpu.seconds.console * 1000) / p.accepted)} ms, database ${n1((p.cpu.seconds.database * 1000) / p.accepted)} ms`);
    }
    if (p.sessions) {
      const s = p.sessions;
      out.push(`  sessions    on average ${n1(s.meanActive)} running a statement (${n1(s.meanWaitingOnLock)} of them waiting for a lock), ${n1(s.meanIdleInTransaction)} idle in transaction (waiting for the console)`);
      for (const w of s.lockWaits) out.push(`    ${Math.round(w.share * 100)}% of lock waits: ${w.statement}`);
    }
    if (p.searchBacklog !== null) out.push(`  search      ${p.searchBacklog.toLocaleString("en-US")} audit events waiting for the search indexer at the end of the phase`);
  }

  if (r.enforcement) {
    const e = r.enforcement;
    out.push("", `Alert → enforcement (request start → first poll answer holding the target; polls every ${e.pollIntervalMs} ms)`);
    for (const [phase, l] of Object.entries(e.byPhase)) {
      out.push(`  ${phase.padEnd(6)} stream  ${latency(l.streamMs)}${l.notOnStream ? `, ${l.notOnStream} not seen` : ""}`);
      out.push(`  ${"".padEnd(6)} feed    ${latency(l.feedMs)}${l.notOnFeed ? `, ${l.notOnFeed} not seen` : ""}`);
    }
    out.push(`  poll round trips: stream ${latency(e.streamPoll.roundTripMs)}, ${e.streamPoll.errors} errors`);
    out.push(`                    feed   ${latency(e.feedPoll.roundTripMs)}, ${e.feedPoll.errors} errors`);
  }

  if (r.loss) {
    const l = r.loss;
    out.push("", `Nothing lost: ${l.ok ? "yes" : "NO"}`);
    out.push(`  ${n0(l.acceptedAlerts)} alerts answered 2xx: ${l.missingAlerts} missing from the database, ${l.undecidedAlerts} undecided`);
    if (l.storedWithoutAnswer) out.push(`  ${n0(l.storedWithoutAnswer)} alerts stored but answered with an error before their decision (left for the minute sweep; a retry is answered "duplicate")`);
    out.push(`  ${n0(l.executedTargets)} targets blocked: ${l.missingFromFeed} missing from the feed, ${l.notDeliveredByStream ?? "n/a"} not streamed by the end of the watch, ${l.deliveredMoreThanOnce ?? "n/a"} streamed more than once, ${l.containmentsWithoutOneExecutedEvent} containments without exactly one CONTAINMENT_EXECUTED event`);
    out.push(`  audit verify: ${l.audit.ok ? "every hash and link holds" : "BROKEN"} (${n0(l.audit.events)} events in ${l.audit.chains} chains, ${n0(l.audit.ms)} ms)`);
    for (const b of l.audit.broken) out.push(`    ${b}`);
  }

  const { pure, database } = r.matching;
  if (pure || database) out.push("", "Protected-list matching");
  if (pure) {
    out.push(`  in memory  ${n0(pure.registrations)} registrations indexed in ${n0(pure.buildMs)} ms; ${n0(pure.lookups)} lookups in ${n0(pure.totalMs)} ms (${n0(pure.lookupsPerSecond)}/s), ${n0(pure.matched)} matched`);
    out.push(`             per lookup ${latency(pure.perLookupUs, "µs")}`);
    out.push(`             ${pure.checked} lookups compared with a full scan: ${pure.mismatches} differ`);
  }
  if (database) {
    out.push(`  database   ${n0(database.registrations)} ProtectedAsset rows inserted in ${n0(database.insertMs)} ms; ${n0(database.lookups)} findMatchingRegistrations calls, GiST index used for addresses: ${database.usesGistIndex ? "yes" : "NO"}`);
    const rows = [["", "p50", "p90", "p99", "max", "n"], ...Object.entries(database.byFamily).map(([f, s]) => [`  ${f}`, `${n2(s.p50)} ms`, `${n2(s.p90)} ms`, `${n2(s.p99)} ms`, `${n2(s.max)} ms`, n0(s.count)])];
    out.push(...table(rows).map((l) => `           ${l}`));
    out.push(`             address lookups answering differently from the in-memory index: ${database.addressMismatches}`);
  }

  if (r.profile) {
    const p = r.profile;
    out.push("", `Pipeline profile (in process, one alert at a time, ${p.alerts} alerts, no HTTP)`);
    out.push(`  per alert   ${n1(p.statementsPerAlert)} SQL statements (BEGIN and COMMIT included) in ${n1(p.transactionsPerAlert)} transactions; CPU of this process ${n1(p.cpuMsPerAlert)} ms`);
    out.push(`  phases      parse ${n2(p.phasesMs.parse.p50)} ms, store and decide ${n2(p.phasesMs.accept.p50)} ms, total ${n2(p.phasesMs.total.p50)} ms (medians); total p99 ${n2(p.phasesMs.total.p99)} ms`);
    out.push(`  SELECT 1    ${latency(p.roundTripMs, "ms", n2)}`);
    out.push(`  CPU per statement (same SELECT, sequential): Prisma findFirst ${n2(p.statementCpuMs.prismaFindFirst)} ms, Prisma $queryRaw ${n2(p.statementCpuMs.prismaQueryRaw)} ms, pg alone ${n2(p.statementCpuMs.pgQuery)} ms`);
    out.push("  most frequent statements (per alert):");
    for (const s of p.topStatements.slice(0, 16)) out.push(`    ${n2(s.perAlert).padStart(5)} ×  ${s.statement}`);
  }

  if (r.targets.length) {
    out.push("", "Targets");
    out.push(...table([["", "target", "measured", ""], ...r.targets.map((t) => [`  ${t.name}`, t.target, t.measured, t.met ? "met" : "NOT MET"])]));
  }
  if (r.console && (r.phases.some((p) => p.failedRequests > 0) || r.notes.some((n) => n.includes("warm-up")))) out.push(`note: the console's log, with the stack of each failed request by its ref, is ${r.console.logFile}`);
  for (const note of r.notes) out.push(`note: ${note}`);
  return out.join("\n");
}
