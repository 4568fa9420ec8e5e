import type { TActionResult } from "@/lib/server/action-client";

/** A server action's refusal, thrown so React Query's error state carries the message and the field errors. */
export class ActionFailure extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly fields: Record<string, string[]>,
  ) {
    super(message);
  }
}

export async function unwrap<T>(pending: Promise<TActionResult<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new ActionFailure(result.message, result.code, result.fieldErrors);
  return result.data;
}

export function fieldsOf(error: unknown): Record<string, string[]> {
  return error instanceof ActionFailure ? error.fields : {};
}
