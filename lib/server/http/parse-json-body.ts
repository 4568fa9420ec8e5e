import "server-only";
import type { z } from "zod";
import { ExpectedError, fieldErrorsOf } from "@/lib/server/errors";

/** Reads a JSON body and validates it; bad JSON or bad fields become a 400 naming what to fix. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ExpectedError("BAD_INPUT", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ExpectedError("BAD_INPUT", "Some fields need fixing.", fieldErrorsOf(parsed.error));
  return parsed.data;
}
