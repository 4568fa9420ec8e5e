import pg from "pg";
import { createPrismaClient, type TDb } from "@/lib/db/client";
import { parseAlertPayload } from "@/lib/ingest/parse-alerts";
import { recordingJobSender } from "@/lib/jobs/queues";
import { SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { acceptAlerts } from "@/lib/server/pipeline/accept-alerts";
import { alertPayload, formatFor, PHASE_OCTET, publicIpv4, type TBenchFormat } from "./alert-payloads";
import { summarize, type TLatencySummary } from "./stats";

// Where one alert's time goes, without HTTP and without contention: the route's own steps
// (parse → acceptAlerts: store and decide) run in this process, one alert at a time, on a
// client whose pool reports every statement sent on it. The job sender only records (the
// console's pg-boss adds one INSERT per executed containment for its expiry job).

export type TStatementStat = { statement: string; perAlert: number };

export type TPipelineProfile = {
  alerts: number;
  statementsPerAlert: number;
  transactionsPerAlert: number;
  /** Round trip of `SELECT 1` through the same client: the floor under every statement. */
  roundTripMs: TLatencySummary;
  phasesMs: { parse: TLatencySummary; accept: TLatencySummary; total: TLatencySummary };
  /** CPU time of this process (Prisma, pg, the pipeline's own code) per alert. */
  cpuMsPerAlert: number;
  topStatements: TStatementStat[];
  /** CPU of this process per statement, one at a time: the ORM's share of every statement. */
  statementCpuMs: { prismaFindFirst: number; prismaQueryRaw: number; pgQuery: number };
};

/** CPU milliseconds per call of `run`, over `n` sequential calls. */
async function cpuPerCall(n: number, run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await run();
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / n;
}

/** The same lookup three ways: Prisma's query builder, Prisma's raw SQL, and the pg driver alone. */
async function statementCpu(client: TDb, databaseUrl: string): Promise<TPipelineProfile["statementCpuMs"]> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const sql = `SELECT "id", "version", "status"::text, "document" FROM "PolicyVersion" WHERE "status" = 'ACTIVE' LIMIT 1`;
    return {
      prismaFindFirst: await cpuPerCall(500, () => client.policyVersion.findFirst({ where: { status: "ACTIVE" } })),
      prismaQueryRaw: await cpuPerCall(500, () => client.$queryRawUnsafe(sql)),
      pgQuery: await cpuPerCall(500, () => pool.query(sql)),
    };
  } finally {
    await pool.end();
  }
}

/** A statement's shape: parameters and literal lists collapsed, first 110 characters. */
function shapeOf(sql: string): string {
  return sql
    .replace(/\$\d+/g, "?")
    .replace(/\((?:\?,\s*)+\?\)/g, "(…)")
    .replace(/"public"\./g, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 110);
}

export async function runPipelineProfile(options: { databaseUrl: string; alerts: number; format: TBenchFormat; runId: string }): Promise<TPipelineProfile> {
  const stats = new Map<string, number>();
  let recording = false;
  // Every statement on the client's pool, through Prisma or sent directly, BEGIN and COMMIT included.
  const client = createPrismaClient(options.databaseUrl, {
    onStatement(text) {
      if (!recording) return;
      const shape = shapeOf(text);
      stats.set(shape, (stats.get(shape) ?? 0) + 1);
    },
  });

  try {
    const roundTrips: number[] = [];
    for (let i = 0; i < 200; i++) {
      const s = performance.now();
      await client.$queryRawUnsafe("SELECT 1");
      roundTrips.push(performance.now() - s);
    }
    const jobs = recordingJobSender();
    const phases = { parse: [] as number[], accept: [] as number[], total: [] as number[] };
    const run = async (n: number) => {
      const format = formatFor(options.format, n);
      const payload = alertPayload(format, publicIpv4(PHASE_OCTET.profile, n), `${options.runId}-profile-${n}`);
      const t0 = performance.now();
      const parsed = parseAlertPayload(payload, { format, receivedAt: new Date() });
      if (!parsed.ok) throw new Error(`profile payload rejected: ${parsed.errors[0]?.message}`);
      const t1 = performance.now();
      await acceptAlerts(client, { alerts: parsed.alerts, actor: SYSTEM_ACTOR, jobs });
      const t2 = performance.now();
      return [t1 - t0, t2 - t1, t2 - t0] as const;
    };
    for (let n = 0; n < 10; n++) await run(n); // warm-up: plan caches, pool, JIT
    recording = true;
    const cpuBefore = process.cpuUsage();
    for (let n = 10; n < 10 + options.alerts; n++) {
      const [parse, accept, total] = await run(n);
      phases.parse.push(parse);
      phases.accept.push(accept);
      phases.total.push(total);
    }
    recording = false;
    const cpu = process.cpuUsage(cpuBefore);
    const statementCpuMs = await statementCpu(client, options.databaseUrl);
    const statements = [...stats.values()].reduce((n, count) => n + count, 0);
    const transactions = [...stats].filter(([shape]) => /^BEGIN\b/i.test(shape)).reduce((n, [, count]) => n + count, 0);
    return {
      alerts: options.alerts,
      statementsPerAlert: statements / options.alerts,
      transactionsPerAlert: transactions / options.alerts,
      roundTripMs: summarize(roundTrips),
      phasesMs: { parse: summarize(phases.parse), accept: summarize(phases.accept), total: summarize(phases.total) },
      cpuMsPerAlert: (cpu.user + cpu.system) / 1000 / options.alerts,
      topStatements: [...stats].sort((a, b) => b[1] - a[1]).map(([statement, count]) => ({ statement, perAlert: count / options.alerts })),
      statementCpuMs,
    };
  } finally {
    await client.$disconnect();
  }
}
