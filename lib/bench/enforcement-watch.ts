import type { THttpClient } from "./http-client";

// Two enforcement points watching the console while alerts pour in: a CrowdSec bouncer
// following the decision stream's deltas, and a firewall pulling the blocklist feed (with
// If-None-Match). Each records when every address first reached it, and the bouncer counts
// how often each address was delivered in `new` (exactly once is the contract).

export type TWatchStats = { polls: number; errors: number; pollMs: number[] };

export type TEnforcementWatch = {
  streamSeen: Map<string, number>;
  streamDeliveries: Map<string, number>;
  streamDeleted: number;
  feedSeen: Map<string, number>;
  stream: TWatchStats;
  feed: TWatchStats;
  /** Resolves once every address is on both, or after `timeoutMs`. */
  waitFor(ips: readonly string[], timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type TDecision = { value: string; scope: string };

export async function startEnforcementWatch(options: { http: THttpClient; bouncerKey: string; feedToken: string; intervalMs: number }): Promise<TEnforcementWatch> {
  const { http, intervalMs } = options;
  const streamHeaders = { "x-api-key": options.bouncerKey };
  const feedHeaders: Record<string, string> = { authorization: `Bearer ${options.feedToken}` };
  const watch: TEnforcementWatch = {
    streamSeen: new Map(),
    streamDeliveries: new Map(),
    streamDeleted: 0,
    feedSeen: new Map(),
    stream: { polls: 0, errors: 0, pollMs: [] },
    feed: { polls: 0, errors: 0, pollMs: [] },
    waitFor: async () => false,
    stop: async () => {},
  };

  let running = true;
  let etag: string | null = null;

  // The bouncer starts as CrowdSec bouncers do: the full state once, then deltas.
  const pollStream = async (startup = false) => {
    const res = await http.request({ method: "GET", path: `/api/crowdsec/v1/decisions/stream?startup=${startup}`, headers: streamHeaders, timeoutMs: 30_000 });
    if (res.status !== 200) throw new Error(`the bouncer stream answered ${res.status}: ${res.body.slice(0, 200)}`);
    const body = JSON.parse(res.body) as { new: TDecision[] | null; deleted: TDecision[] | null };
    for (const d of body.new ?? []) {
      if (!watch.streamSeen.has(d.value)) watch.streamSeen.set(d.value, res.endedAt);
      watch.streamDeliveries.set(d.value, (watch.streamDeliveries.get(d.value) ?? 0) + 1);
    }
    watch.streamDeleted += (body.deleted ?? []).length;
    return res.endedAt - res.startedAt;
  };

  const pollFeed = async () => {
    const res = await http.request({ method: "GET", path: "/api/v1/feeds/blocklist.txt", headers: etag ? { ...feedHeaders, "if-none-match": etag } : feedHeaders, timeoutMs: 30_000 });
    if (res.status === 304) return res.endedAt - res.startedAt;
    if (res.status !== 200) throw new Error(`feed ${res.status}`);
    etag = typeof res.headers.etag === "string" ? res.headers.etag : null;
    for (const line of res.body.split("\n")) {
      if (line && !watch.feedSeen.has(line)) watch.feedSeen.set(line, res.endedAt);
    }
    return res.endedAt - res.startedAt;
  };

  // One loop per enforcement point: poll, then sleep what is left of the interval.
  const loop = async (poll: () => Promise<number>, stats: TWatchStats) => {
    while (running) {
      const started = performance.now();
      try {
        stats.pollMs.push(await poll());
        stats.polls++;
      } catch {
        stats.errors++;
      }
      const left = intervalMs - (performance.now() - started);
      if (left > 0 && running) await sleep(left);
    }
  };
  await pollStream(true);
  const loops = [loop(() => pollStream(false), watch.stream), loop(pollFeed, watch.feed)];

  watch.waitFor = async (ips, timeoutMs) => {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (ips.every((ip) => watch.streamSeen.has(ip) && watch.feedSeen.has(ip))) return true;
      await sleep(intervalMs);
    }
    return false;
  };
  watch.stop = async () => {
    running = false;
    await Promise.all(loops);
  };
  return watch;
}
