import "server-only";
import { z } from "zod";
import type { TPermission } from "@/lib/auth/permissions";
import { requireActionUser } from "@/lib/server/auth/authorize";
import type { TCurrentUser } from "@/lib/server/auth/current-user";
import { ExpectedError, fieldErrorsOf, logUnexpected, type TErrorCode } from "@/lib/server/errors";
import { currentRequestMeta, type TRequestMeta } from "@/lib/server/http/request-meta";

// The one chain every server action goes through: authenticate (user re-loaded from the
// database), check the permission, validate input with zod, run, and turn errors into a
// result the form can show next to its fields.

export type TActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: TErrorCode | "INTERNAL"; message: string; fieldErrors: Record<string, string[]> };

export type TActionContext = { user: TCurrentUser; meta: TRequestMeta };

export function defineAction<S extends z.ZodType, R>(
  options: { name: string; permission: TPermission; input: S },
  handler: (input: z.infer<S>, ctx: TActionContext) => Promise<R>,
): (raw: unknown) => Promise<TActionResult<R>> {
  return async (raw) => {
    try {
      const user = await requireActionUser(options.permission);
      const parsed = options.input.safeParse(raw);
      if (!parsed.success) {
        return { ok: false, code: "BAD_INPUT", message: "Some fields need fixing.", fieldErrors: fieldErrorsOf(parsed.error) };
      }
      const data = await handler(parsed.data, { user, meta: await currentRequestMeta() });
      return { ok: true, data };
    } catch (error) {
      if (error instanceof ExpectedError) {
        return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
      }
      const ref = logUnexpected(error, `action ${options.name}`);
      return { ok: false, code: "INTERNAL", message: `Something went wrong (ref ${ref}).`, fieldErrors: {} };
    }
  };
}
