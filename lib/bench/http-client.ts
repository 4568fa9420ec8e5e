import http from "node:http";

// The load generator's HTTP client: node:http on a keep-alive agent whose socket count is
// the concurrency, so the benchmark never opens more connections than it has requests in
// flight. Lighter on the CPU than fetch, which matters when the generator shares two cores
// with the console and its database.

export type TResponse = { status: number; headers: http.IncomingHttpHeaders; body: string; startedAt: number; endedAt: number };

export type THttpClient = {
  request(options: { method: "GET" | "HEAD" | "POST"; path: string; headers?: Record<string, string>; body?: string; timeoutMs: number }): Promise<TResponse>;
  close(): void;
};

export function createHttpClient(options: { port: number; maxSockets: number }): THttpClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets, maxFreeSockets: options.maxSockets });
  return {
    request({ method, path, headers = {}, body, timeoutMs }) {
      return new Promise((resolve, reject) => {
        const startedAt = performance.now();
        const req = http.request(
          {
            host: "127.0.0.1",
            port: options.port,
            method,
            path,
            agent,
            headers: body === undefined ? headers : { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...headers },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("error", reject);
            res.on("end", () =>
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), startedAt, endedAt: performance.now() }),
            );
          },
        );
        req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        req.on("error", reject);
        req.end(body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` at once; stops starting new ones after the deadline. */
export async function runPool(count: number, concurrency: number, deadline: number, task: (i: number) => Promise<void>): Promise<{ started: number; timedOut: boolean }> {
  let next = 0;
  let timedOut = false;
  const worker = async () => {
    while (next < count) {
      if (performance.now() > deadline) {
        timedOut = true;
        return;
      }
      await task(next++);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  return { started: next, timedOut };
}
