import "server-only";
import { ExpectedError } from "@/lib/server/errors";

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Reads the body as text, refusing (413) anything larger than the limit before parsing it. */
export async function readBodyText(request: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () => new ExpectedError("TOO_LARGE", `The body is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB: send smaller batches.`);
  if (declared > maxBytes) throw tooLarge();
  const text = await request.text();
  if (Buffer.byteLength(text, "utf8") > maxBytes) throw tooLarge();
  return text;
}

export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const text = await readBodyText(request, maxBytes);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ExpectedError("BAD_INPUT", `The body is not valid JSON (${(error as Error).message}).`);
  }
}
