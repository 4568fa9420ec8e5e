import "server-only";
import type { TAnyPermission, TPrincipal } from "@/lib/auth/permissions";
import { authenticateRequest } from "@/lib/server/auth/authorize";
import { ExpectedError, HTTP_STATUS, logUnexpected } from "@/lib/server/errors";
import { requestMetaFrom, type TRequestMeta } from "./request-meta";

// Route handlers stay thin: authenticate, then the handler parses with zod and calls a
// service. Errors become JSON with a code, a message and field errors, never a stack.

export type TRouteContext<P> = { principal: TPrincipal; meta: TRequestMeta; params: P };

export function errorResponse(error: unknown, context: string): Response {
  if (error instanceof ExpectedError) {
    return Response.json(
      { error: { code: error.code, message: error.message, fields: error.fieldErrors } },
      { status: HTTP_STATUS[error.code] },
    );
  }
  const ref = logUnexpected(error, context);
  return Response.json(
    { error: { code: "INTERNAL", message: `Something went wrong (ref ${ref}).` } },
    { status: 500 },
  );
}

export function jsonRoute<P = Record<string, never>>(
  permission: TAnyPermission,
  handler: (request: Request, ctx: TRouteContext<P>) => Promise<Response>,
) {
  return async (request: Request, routeCtx: { params: Promise<P> }): Promise<Response> => {
    try {
      const principal = await authenticateRequest(request, permission);
      const params = routeCtx?.params ? await routeCtx.params : ({} as P);
      return await handler(request, { principal, meta: requestMetaFrom(request.headers), params });
    } catch (error) {
      return errorResponse(error, `${request.method} ${new URL(request.url).pathname}`);
    }
  };
}
