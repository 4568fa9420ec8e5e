import type { IncomingMessage, ServerResponse } from "node:http";

// Node's request and response objects to the Fetch API's and back, for route handlers
// served outside Next.js (machine-routes.ts). Next.js does the same conversion, including
// the X-Forwarded-For it adds from the socket, which the audit log's request IP reads.

/** Reads the body into memory, keeping at most `maxBytes` + 1 bytes so the handler's own size check still answers 413. */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    req.on("data", (chunk: Buffer) => {
      if (kept > maxBytes) return;
      const room = maxBytes + 1 - kept;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      chunks.push(part);
      kept += part.length;
    });
    req.once("end", () => {
      const body = Buffer.concat(chunks, kept);
      resolve(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength));
    });
    req.once("error", reject);
  });
}

/** The request's URL and headers as the Fetch API has them, before its body is read. */
export function webRequestHead(req: IncomingMessage): { url: string; method: string; headers: Headers } {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  if (!headers.has("x-forwarded-for") && req.socket.remoteAddress) headers.set("x-forwarded-for", req.socket.remoteAddress);
  return { url: `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, method: req.method ?? "GET", headers };
}

export async function toWebRequest(req: IncomingMessage, head: ReturnType<typeof webRequestHead>, options: { maxBodyBytes: number }): Promise<Request> {
  const body = head.method === "GET" || head.method === "HEAD" ? undefined : await readBody(req, options.maxBodyBytes);
  return new Request(head.url, { method: head.method, headers: head.headers, body });
}

export async function sendWebResponse(res: ServerResponse, response: Response, method: string): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name !== "set-cookie") res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  const body = method === "HEAD" || response.body === null ? null : Buffer.from(await response.arrayBuffer());
  res.end(body);
}
