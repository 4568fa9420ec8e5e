import { alertPayload, formatFor, publicIpv4, type TBenchFormat, type TPostedFormat } from "./alert-payloads";
import { runPool, type THttpClient } from "./http-client";
import { perSecond, summarize, type TLatencySummary } from "./stats";

// One load phase: `requests` POSTs to /api/v1/alerts, each carrying `perRequest` alerts
// about distinct addresses, at most `concurrency` in flight. Bodies are built before the
// clock starts so the generator's own JSON work stays out of the figures.
//
// Closed loop by default (each slot sends its next request when the previous one is
// answered, so latency = concurrency ÷ throughput once saturated); with `ratePerSecond`,
// open loop: request i is sent at start + i/rate (or as soon as a slot is free, if late),
// which is what a flood at a given rate looks like to the console.

export type TAlertPhaseOptions = {
  name: string;
  http: THttpClient;
  ingestToken: string;
  requests: number;
  perRequest: number;
  concurrency: number;
  firstOctet: number;
  format: TBenchFormat;
  runId: string;
  maxSeconds: number;
  timeoutMs: number;
  /** Requests per second to offer (open loop); 0 = closed loop. */
  ratePerSecond: number;
};

export type TAlertPhaseResult = {
  name: string;
  requestsSent: number;
  alertsSent: number;
  accepted: number;
  duplicates: number;
  failedRequests: number;
  errorSamples: string[];
  spanMs: number;
  alertsPerSecond: number;
  requestsPerSecond: number;
  /** Per request, from the first byte sent to the last byte of the answer. */
  latencyMs: TLatencySummary;
  verdicts: Record<string, number>;
  timedOut: boolean;
  /** Open loop only: the rate asked for, and the rate at which requests were really sent. */
  offeredPerSecond: number | null;
  sentPerSecond: number;
  acceptedIds: string[];
  executedIps: string[];
  /** When the request carrying each address started (performance.now()). */
  ipStartedAt: Map<string, number>;
};

type TOutcome = { id: string; duplicate: boolean; verdict: string | null };

function buildBody(options: TAlertPhaseOptions, i: number): { path: string; body: string; ips: string[] } {
  const format: TPostedFormat = formatFor(options.format, i);
  const ips: string[] = [];
  const items: Record<string, unknown>[] = [];
  for (let j = 0; j < options.perRequest; j++) {
    const n = i * options.perRequest + j;
    const ip = publicIpv4(options.firstOctet, n);
    ips.push(ip);
    items.push(alertPayload(format, ip, `${options.runId}-${options.name}-${n}`));
  }
  const body = JSON.stringify(options.perRequest === 1 ? items[0] : items);
  return { path: `/api/v1/alerts?format=${format}`, body, ips };
}

export async function runAlertPhase(options: TAlertPhaseOptions): Promise<TAlertPhaseResult> {
  const bodies = Array.from({ length: options.requests }, (_, i) => buildBody(options, i));
  const headers = { authorization: `Bearer ${options.ingestToken}` };
  const latencies: number[] = [];
  const verdicts: Record<string, number> = {};
  const acceptedIds: string[] = [];
  const executedIps: string[] = [];
  const ipStartedAt = new Map<string, number>();
  const errorSamples: string[] = [];
  let failedRequests = 0;
  let duplicates = 0;
  let first = Number.POSITIVE_INFINITY;
  let lastStart = 0;
  let last = 0;

  const fail = (message: string) => {
    failedRequests++;
    if (errorSamples.length < 5) errorSamples.push(message);
  };

  const started = performance.now();
  const pool = await runPool(options.requests, options.concurrency, started + options.maxSeconds * 1000, async (i) => {
    const { path, body, ips } = bodies[i]!;
    if (options.ratePerSecond > 0) {
      const due = started + (i * 1000) / options.ratePerSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const requestStart = performance.now();
    lastStart = Math.max(lastStart, requestStart);
    for (const ip of ips) ipStartedAt.set(ip, requestStart);
    first = Math.min(first, requestStart);
    try {
      const res = await options.http.request({ method: "POST", path, headers, body, timeoutMs: options.timeoutMs });
      last = Math.max(last, res.endedAt);
      if (res.status < 200 || res.status >= 300) {
        fail(`HTTP ${res.status}: ${res.body.slice(0, 200)}`);
        return;
      }
      latencies.push(res.endedAt - res.startedAt);
      const outcomes = (JSON.parse(res.body) as { alerts: TOutcome[] }).alerts;
      outcomes.forEach((o, j) => {
        if (o.duplicate) {
          duplicates++;
          return;
        }
        acceptedIds.push(o.id);
        const verdict = o.verdict ?? "none";
        verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
        if (verdict === "execute" && ips[j]) executedIps.push(ips[j]);
      });
    } catch (error) {
      last = Math.max(last, performance.now());
      fail((error as Error).message);
    }
  });
  const spanMs = last > first ? last - first : 0;
  return {
    name: options.name,
    requestsSent: pool.started,
    alertsSent: pool.started * options.perRequest,
    accepted: acceptedIds.length,
    duplicates,
    failedRequests,
    errorSamples,
    spanMs,
    alertsPerSecond: perSecond(acceptedIds.length, spanMs),
    requestsPerSecond: perSecond(latencies.length, spanMs),
    latencyMs: summarize(latencies),
    verdicts,
    timedOut: pool.timedOut,
    offeredPerSecond: options.ratePerSecond > 0 ? options.ratePerSecond : null,
    sentPerSecond: pool.started > 1 && lastStart > first ? perSecond(pool.started - 1, lastStart - first) : 0,
    acceptedIds,
    executedIps,
    ipStartedAt,
  };
}
