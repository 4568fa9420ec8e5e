import "server-only";
import { principalCan, type TTokenPrincipal } from "@/lib/auth/permissions";
import { findTokenPrincipal } from "@/lib/server/auth/api-tokens";
import { logUnexpected } from "@/lib/server/errors";

// Route handlers of the CrowdSec-compatible API answer the way CrowdSec's LAPI does, so
// unmodified bouncers understand them: the key in X-Api-Key, 403 {"message":"access
// forbidden"} when it is missing or wrong, errors as {"message": …}.

export const ACCESS_FORBIDDEN = { message: "access forbidden" } as const;

/** A bouncer token (or an admin token) from X-Api-Key; null when missing, wrong, revoked or of another scope. */
export async function authenticateBouncer(request: Request): Promise<TTokenPrincipal | null> {
  const key = request.headers.get("x-api-key")?.trim();
  if (!key) return null;
  const principal = await findTokenPrincipal(key);
  return principal && principalCan(principal, "bouncer:read") ? principal : null;
}

export function crowdsecMessage(status: number, message: string): Response {
  return Response.json({ message }, { status });
}

export function crowdsecRoute(handler: (request: Request, bouncer: TTokenPrincipal) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    try {
      const bouncer = await authenticateBouncer(request);
      if (!bouncer) return Response.json(ACCESS_FORBIDDEN, { status: 403 });
      return await handler(request, bouncer);
    } catch (error) {
      const ref = logUnexpected(error, `${request.method} ${new URL(request.url).pathname}`);
      return crowdsecMessage(500, `internal error (ref ${ref})`);
    }
  };
}
