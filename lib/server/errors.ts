import { randomBytes } from "node:crypto";
import type { z } from "zod";

// Expected errors carry a code and a message for the user; anything else is logged with a
// reference and shown as "something went wrong (ref …)", never with its own message.

export type TErrorCode = "BAD_INPUT" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "TOO_LARGE";

export class ExpectedError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

export const HTTP_STATUS: Record<TErrorCode, number> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
};

export function logUnexpected(error: unknown, context: string): string {
  const ref = randomBytes(4).toString("hex");
  console.error(`[reflex] ${context} failed (ref ${ref}):`, error);
  return ref;
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

