import type { IncomingMessage, ServerResponse } from "node:http";
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

/** Node's body in memory, at most `maxBytes` + 1 bytes of it: enough for the handler's own size check to answer 413. */
function readUpTo(req: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    const done = () => {
      req.off("data", onData);
      req.off("end", done);
      req.off("error", reject);
      const body = Buffer.concat(chunks, kept);
      resolve(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
    };
    const onData = (chunk: Buffer) => {
      const room = maxBytes + 1 - kept;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      chunks.push(part);
      kept += part.length;
      if (kept > maxBytes) {
        req.pause();
        done();
      }
    };
    req.on("data", onData);
    req.once("end", done);
    req.once("error", reject);
  });
}

/**
 * A Request whose body is read from Node's request only when a body method is called
 * (after the handler's token check: a refused token costs no upload), straight into one
 * buffer with no web stream in between, since the machine routes read bodies whole with
 * text(). `body` itself stays null.
 */
class NodeBodyRequest extends Request {
  readonly #source: IncomingMessage;
  readonly #maxBytes: number;
  #bytes: Promise<Uint8Array> | null = null;

  constructor(source: IncomingMessage, head: TRequestHead, maxBytes: number) {
    super(head.url, { method: head.method, headers: head.headers });
    this.#source = source;
    this.#maxBytes = maxBytes;
  }

  #read(): Promise<Uint8Array> {
    return (this.#bytes ??= readUpTo(this.#source, this.#maxBytes));
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#read();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  override async blob(): Promise<Blob> {
    return new Blob([await this.arrayBuffer()], { type: this.headers.get("content-type") ?? "" });
  }

  override async text(): Promise<string> {
    return new TextDecoder().decode(await this.#read());
  }

  override async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
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
  if (head.method === "GET" || head.method === "HEAD") return new Request(head.url, { method: head.method, headers: head.headers });
  return new NodeBodyRequest(req, head, options.maxBodyBytes);
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
