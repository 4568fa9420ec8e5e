import { runPool, type THttpClient } from "./http-client";
import { perSecond, summarize, type TLatencySummary } from "./stats";

// The floor under every alert: what one authenticated request costs the console when it
// does nothing else. HEAD /api/crowdsec/v1/decisions/stream is routed by Next.js, looks up
// the bouncer key (one Prisma query) and answers 200 without touching the stream's cursor.

export type TBaselineResult = { requests: number; failed: number; spanMs: number; requestsPerSecond: number; latencyMs: TLatencySummary };

export async function runBaseline(options: { http: THttpClient; bouncerKey: string; requests: number; concurrency: number; maxSeconds: number }): Promise<TBaselineResult> {
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  await runPool(options.requests, options.concurrency, started + options.maxSeconds * 1000, async () => {
    try {
      const res = await options.http.request({ method: "HEAD", path: "/api/crowdsec/v1/decisions/stream", headers: { "x-api-key": options.bouncerKey }, timeoutMs: 30_000 });
      if (res.status === 200) latencies.push(res.endedAt - res.startedAt);
      else failed++;
    } catch {
      failed++;
    }
  });
  const spanMs = performance.now() - started;
  return { requests: latencies.length + failed, failed, spanMs, requestsPerSecond: perSecond(latencies.length, spanMs), latencyMs: summarize(latencies) };
}
