import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { gzip } from "node:zlib";

// Node's request and response objects to the Fetch API's and back, for route handlers
// served outside Next.js (machine-routes.ts), behaving as Next.js does for them: the route
// comes from the request line only (never from the Host header), X-Forwarded-For is added
// from the socket (the audit log's request IP), the body is read only when the handler
// reads it (after it has checked the token), and answers are gzipped when the client takes it.

const gzipAsync = promisify(gzip);
/** Smaller answers are not worth compressing. */
const GZIP_MIN_BYTES = 1024;

export type TRequestHead = { url: string; method: string; headers: Headers };

/** The request's URL and headers as the Fetch API has them, before its body is read; null when the request line is not a URL. */
export function webRequestHead(req: IncomingMessage): TRequestHead | null {
  let url: URL;
  try {
    // A fixed origin: the handlers read the path and query only, and a Host header must not route.
    url = new URL(req.url ?? "/", "http://localhost");
  } catch {
    return null;
  }
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  if (!headers.has("x-forwarded-for") && req.socket.remoteAddress) headers.set("x-forwarded-for", req.socket.remoteAddress);
  return { url: url.href, method: req.method ?? "GET", headers };
}

/**
 * The body as a stream that ends after `maxBytes` + 1 bytes, so the handler's own size
 * check answers 413 without the rest ever being held; nothing is read until the handler
 * reads it (a refused token costs no upload).
 */
function limitedBody(req: IncomingMessage, maxBytes: number): ReadableStream<Uint8Array> {
  let kept = 0;
  const limit = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const room = maxBytes + 1 - kept;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      kept += part.length;
      controller.enqueue(part);
      if (kept > maxBytes) controller.terminate();
    },
  });
  // preventCancel: cancelling would destroy the socket the 413 must go out on. The unread
  // rest is discarded once the answer is sent (discardUnreadBody).
  return (Readable.toWeb(req) as ReadableStream<Uint8Array>).pipeThrough(limit, { preventCancel: true });
}

/**
 * Reads and drops what the handler left of the body (an oversized upload, or one sent with a
 * refused token), as Node does for a request nobody read, so the connection can serve the
 * client's next request instead of stalling with the upload half-read.
 */
export function discardUnreadBody(req: IncomingMessage): void {
  if (req.complete) return;
  req.removeAllListeners("data");
  req.resume();
}

export function toWebRequest(req: IncomingMessage, head: TRequestHead, options: { maxBodyBytes: number }): Request {
  const hasBody = head.method !== "GET" && head.method !== "HEAD";
  // `duplex` is required for a streamed body and missing from TypeScript's RequestInit.
  const init = { method: head.method, headers: head.headers, body: hasBody ? limitedBody(req, options.maxBodyBytes) : undefined, duplex: "half" };
  return new Request(head.url, init as RequestInit);
}

export async function sendWebResponse(res: ServerResponse, response: Response, request: { method: string; headers: Headers }): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name !== "set-cookie") res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  if (request.method === "HEAD" || response.body === null) {
    res.end();
    return;
  }
  let body: Buffer = Buffer.from(await response.arrayBuffer());
  if (body.length >= GZIP_MIN_BYTES && !response.headers.has("content-encoding") && /\bgzip\b/i.test(request.headers.get("accept-encoding") ?? "")) {
    body = await gzipAsync(body);
    res.setHeader("content-encoding", "gzip");
    res.setHeader("vary", "Accept-Encoding");
  }
  res.end(body);
}
