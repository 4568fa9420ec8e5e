import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { cliActor } from "@/lib/cli/cli-actor";
import { db, disconnectDb } from "@/lib/db/client";
import { startSearchIndexer } from "@/lib/jobs/search-indexer";
import { auditSearchBacklog } from "@/lib/server/audit/index-audit-search";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { seedDemo } from "@/prisma/seed-demo";
import { BENCH_FORMATS, PHASE_OCTET } from "./alert-payloads";
import { runAlertPhase, type TAlertPhaseResult } from "./alert-phase";
import { runBaseline } from "./baseline-phase";
import { BENCH_DATABASES, openBenchDatabase, type TBenchDatabase } from "./bench-database";
import { enforcementLatency, evaluateTargets, phaseSummary, pollSummary, type TBenchResult, type TPhaseSummary } from "./bench-result";
import { checkNoLoss } from "./check-no-loss";
import { Cleanup } from "./cleanup";
import { checkBuild, startConsole, waitUntil, type TConsoleServer } from "./console-server";
import { startCpuSampler } from "./cpu-sampler";
import { startEnforcementWatch, type TEnforcementWatch } from "./enforcement-watch";
import { startSessionSampler } from "./session-sampler";
import { createHttpClient, type THttpClient } from "./http-client";
import { runPipelineProfile } from "./pipeline-profile";
import { insertRegistrations, runDbMatching, runPureMatching } from "./registration-matching";
import { buildRegistrationSet } from "./registration-set";

// `reflex bench`: a fresh database, the production console on it, a flood of alerts over
// HTTP while a bouncer and a firewall watch the enforcement feeds, then the checks that
// nothing was lost, and the protected-list matching at 100,000 registrations. Every phase
// is bounded in count and time, talks only to 127.0.0.1, and everything it started is
// stopped at the end, on error and on Ctrl-C.

const count = (max: number) => z.coerce.number().int().min(0).max(max);

export const ZBenchOptions = z.object({
  alerts: count(1_000_000),
  concurrency: count(1024).min(1),
  rate: count(100_000),
  floodRate: count(100_000),
  floodSeconds: count(600),
  batches: count(10_000),
  batchSize: count(5000).min(1),
  batchConcurrency: count(64).min(1),
  format: z.enum(BENCH_FORMATS),
  database: z.enum(BENCH_DATABASES),
  registrations: count(1_000_000),
  pollMs: count(60_000),
  profile: count(100_000),
  workers: z.boolean().default(false),
  skipHttp: z.boolean().default(false),
  maxSeconds: count(3600).min(1),
  keep: z.boolean().default(false),
  cpuProf: z.string().min(1).optional(),
  json: z.boolean().default(false),
});
export type TBenchOptions = z.infer<typeof ZBenchOptions>;

const log = (message: string) => console.error(`[bench] ${message}`);

/** Runs one part of the benchmark; a failure becomes a note and the rest still runs and reports. */
async function attempt<T>(what: string, notes: string[], run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    notes.push(`${what} failed: ${message}`);
    log(`${what} failed: ${message}`);
    return null;
  }
}

/** How long the watchers may lag behind the end of a phase before a block counts as not delivered. */
const DRAIN_MS = 60_000;

/**
 * Requests the flood may keep in flight: far more than a console that keeps pace needs (the
 * rate times its latency), so the console's pace, not the load generator's, sets the rate.
 */
const FLOOD_IN_FLIGHT = 256;

type THttpContext = { http: THttpClient; console: TConsoleServer; tokens: { ingest: string; feed: string; bouncer: string } };

async function startHttp(database: TBenchDatabase, options: TBenchOptions, cleanup: Cleanup, logFile: string): Promise<THttpContext> {
  const actor = cliActor();
  const runTag = randomBytes(3).toString("hex");
  const token = async (scope: "ingest" | "feed" | "bouncer") => (await createApiToken(db(), { input: { name: `bench-${scope}-${runTag}`, scope }, actor })).token;
  const tokens = { ingest: await token("ingest"), feed: await token("feed"), bouncer: await token("bouncer") };
  const cpuProfileDir = options.cpuProf ? path.resolve(options.cpuProf) : null;
  const server = await startConsole({ databaseUrl: database.url, workers: options.workers, logFile, cpuProfileDir, cleanup });
  const http = createHttpClient({ port: server.port, maxSockets: Math.max(options.concurrency, options.batchConcurrency, options.floodRate > 0 ? FLOOD_IN_FLIGHT : 0) + 4 });
  cleanup.add("close HTTP connections", async () => http.close());
  log(`console starting on 127.0.0.1:${server.port} (pid ${server.pid}, log ${logFile})`);
  await waitUntil(
    async () => (await http.request({ method: "GET", path: "/api/v1/feeds/blocklist.txt", headers: { authorization: `Bearer ${tokens.feed}` }, timeoutMs: 5000 })).status === 200,
    120_000,
    "the console answering on its feed",
  );
  return { http, console: server, tokens };
}

type TPhasePlan = { name: "warmup" | "single" | "flood" | "batch"; requests: number; perRequest: number; concurrency: number; ratePerSecond: number };

async function loadPhase(ctx: THttpContext, database: TBenchDatabase, options: TBenchOptions, runId: string, phase: TPhasePlan) {
  const sessions = database.databaseName ? await startSessionSampler(database.url, database.databaseName) : null;
  const cpu = startCpuSampler({ consolePid: ctx.console.pid, databasePid: database.hostPid, databaseName: database.databaseName });
  const result = await runAlertPhase({
    ...phase,
    http: ctx.http,
    ingestToken: ctx.tokens.ingest,
    firstOctet: PHASE_OCTET[phase.name],
    format: options.format,
    runId,
    maxSeconds: options.maxSeconds,
    timeoutMs: phase.perRequest > 1 ? 300_000 : 60_000,
  });
  const cpuReport = cpu.stop();
  return { result, cpu: cpuReport, sessions: (await sessions?.stop()) ?? null, searchBacklog: await auditSearchBacklog(db()) };
}

export async function runBench(options: TBenchOptions, command: string): Promise<TBenchResult> {
  const cleanup = new Cleanup();
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping everything the benchmark started…`);
    void cleanup.run().finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const notes: string[] = [];
  const runId = `bench-${Date.now().toString(36)}`;
  const startedAt = new Date();
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: os.totalmem() / 2 ** 30,
    loadAverage: os.loadavg(),
    node: process.versions.node,
    platform: `${os.platform()} ${os.release()}`,
  };
  try {
    const build = options.skipHttp ? null : checkBuild();
    if (build?.stale) notes.push("the production build is older than the sources: the console measured is the build, not the current code (run `npm run build` first).");

    log(`creating a fresh ${options.database} database…`);
    const database = await openBenchDatabase({ kind: options.database, cleanup, keep: options.keep });
    process.env.DATABASE_URL = database.url;
    cleanup.add("disconnect", () => disconnectDb());
    await seedDemo(db());
    log(`database ready: ${database.description}`);

    // Protected list first: the flood then runs against a list of realistic size.
    const now = new Date();
    const matching: TBenchResult["matching"] = { pure: null, database: null };
    if (options.registrations > 0) {
      const set = buildRegistrationSet(options.registrations, now);
      log(`matching ${options.registrations.toLocaleString("en-US")} registrations in memory…`);
      matching.pure = runPureMatching(set, { lookups: 100_000, checked: 100, now });
      log("inserting them as ProtectedAsset rows…");
      matching.database = await attempt("the database matching benchmark", notes, async () => {
        const owner = await db().user.findUniqueOrThrow({ where: { email: "owner@example.com" } });
        const insertMs = await insertRegistrations(db(), set.registrations, owner.id);
        return runDbMatching(db(), set, { lookups: 3000, insertMs, now });
      });
    }

    const phases: TPhaseSummary[] = [];
    let warmupFailed = false;
    let enforcement: TBenchResult["enforcement"] = null;
    let loss: TBenchResult["loss"] = null;
    let consoleInfo: TBenchResult["console"] = null;
    let baseline: TBenchResult["baseline"] = null;
    if (!options.skipHttp && (options.alerts > 0 || options.batches > 0)) {
      const logFile = path.join(os.tmpdir(), `reflex-bench-${process.pid}-console.log`);
      // The console's log holds the stack of every failed request (by its ref): kept when
      // something failed or with --keep, removed otherwise.
      cleanup.add("remove the console log", async () => {
        if (!options.keep && !warmupFailed && !phases.some((p) => p.failedRequests > 0)) await rm(logFile, { force: true });
      });
      const ctx = await startHttp(database, options, cleanup, logFile);
      // The search indexer's work is part of an alert's cost: without the console's workers,
      // the benchmark runs it itself, on the benchmark's database, so its backend's CPU
      // counts as the database's; stopped with the console, before the in-process profile.
      const indexer = options.workers ? null : startSearchIndexer(db());
      consoleInfo = { workers: options.workers, buildStale: build?.stale ?? false, logFile };

      const warmup = await loadPhase(ctx, database, options, runId, { name: "warmup", requests: 40, perRequest: 1, concurrency: 4, ratePerSecond: 0 });
      if (warmup.result.failedRequests > 0) {
        warmupFailed = true;
        notes.push(`${warmup.result.failedRequests} of 40 warm-up requests failed (sequential, 4 in flight): ${warmup.result.errorSamples[0] ?? ""}`);
        log(`warm-up: ${warmup.result.failedRequests} of 40 requests failed; going on to measure the failures`);
      }
      const done: TAlertPhaseResult[] = [warmup.result];

      log("baseline: authenticated HEAD requests…");
      const baselineCpu = startCpuSampler({ consolePid: ctx.console.pid, databasePid: database.hostPid, databaseName: database.databaseName });
      const base = await runBaseline({ http: ctx.http, bouncerKey: ctx.tokens.bouncer, requests: 2000, concurrency: options.concurrency, maxSeconds: 60 });
      baseline = { ...base, cpu: baselineCpu.stop() };

      let watch: TEnforcementWatch | null = null;
      if (options.pollMs > 0) watch = await startEnforcementWatch({ http: ctx.http, bouncerKey: ctx.tokens.bouncer, feedToken: ctx.tokens.feed, intervalMs: options.pollMs });
      const watchStarted = performance.now();
      const byPhase: Record<string, ReturnType<typeof enforcementLatency>> = {};

      const plan: TPhasePlan[] = [
        { name: "single", requests: options.alerts, perRequest: 1, concurrency: options.concurrency, ratePerSecond: options.rate },
        { name: "flood", requests: options.floodRate * options.floodSeconds, perRequest: 1, concurrency: FLOOD_IN_FLIGHT, ratePerSecond: options.floodRate },
        { name: "batch", requests: options.batches, perRequest: options.batchSize, concurrency: options.batchConcurrency, ratePerSecond: 0 },
      ];
      for (const phase of plan) {
        if (phase.requests === 0 || interrupted) continue;
        log(`${phase.name}: ${phase.requests} requests × ${phase.perRequest} alerts, ${phase.concurrency} in flight…`);
        const { result, cpu, sessions, searchBacklog } = await loadPhase(ctx, database, options, runId, phase);
        phases.push(phaseSummary(result, cpu, sessions, searchBacklog));
        done.push(result);
        log(`${phase.name}: ${Math.round(result.alertsPerSecond)} alerts/s, ${result.failedRequests} failed requests`);
        if (watch) {
          // Let the watchers catch up (bounded), then measure.
          if (!(await watch.waitFor(result.executedIps, DRAIN_MS))) log(`${phase.name}: some blocked targets did not reach the watchers within ${DRAIN_MS / 1000} s`);
          byPhase[phase.name] = enforcementLatency(result, watch);
        }
      }
      if (watch) {
        await watch.stop();
        const span = performance.now() - watchStarted;
        enforcement = { pollIntervalMs: options.pollMs, byPhase, streamPoll: pollSummary(watch.stream, span), feedPoll: pollSummary(watch.feed, span), streamDeleted: watch.streamDeleted };
      }
      log("checking that nothing was lost…");
      loss = await attempt("the loss check", notes, () =>
        checkNoLoss(db(), {
          acceptedIds: done.flatMap((p) => p.acceptedIds),
          executedIps: done.flatMap((p) => p.executedIps),
          http: ctx.http,
          feedToken: ctx.tokens.feed,
          watch,
        }),
      );
      await indexer?.stop();
      await ctx.console.stop();
    } else if (!options.skipHttp) {
      notes.push("no HTTP load: --alerts 0 and --batches 0.");
    }

    let profile: TBenchResult["profile"] = null;
    if (options.profile > 0 && !interrupted) {
      log(`profiling the pipeline in process with ${options.profile} alerts…`);
      profile = await attempt("the pipeline profile", notes, () => runPipelineProfile({ databaseUrl: database.url, alerts: options.profile, format: options.format, runId }));
    }

    const partial = { phases, enforcement, loss };
    return {
      version: 1,
      startedAt: startedAt.toISOString(),
      machine,
      command,
      database: { kind: database.kind, description: database.description },
      console: consoleInfo,
      baseline,
      ...partial,
      matching,
      profile,
      targets: evaluateTargets(partial),
      notes,
    };
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    if (!interrupted) await cleanup.run();
  }
}
