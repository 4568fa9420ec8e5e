import "server-only";
import { redirect } from "next/navigation";
import { principalCan, type TAnyPermission, type TPermission, type TPrincipal } from "@/lib/auth/permissions";
import { ExpectedError } from "@/lib/server/errors";
import { findTokenPrincipal } from "./api-tokens";
import type { TCurrentUser } from "./current-user";

// The one place that answers "who is this and may they do that?" for pages, server
// actions and route handlers. Owner scoping (OWNER sees only their own) is added by the
// services in their Prisma `where`, with "not found" treated as "forbidden".

// next-auth's session machinery loads on the first request without an API token: the
// machine routes served outside Next.js (lib/server/serve) take only token requests, and
// next-auth cannot load there (it needs Next.js's bundling and request context).
async function getCurrentUser(): Promise<TCurrentUser | null> {
  return (await import("./current-user")).getCurrentUser();
}

/** For pages: sends anonymous visitors to sign-in and refused ones to the 403 page. */
export async function requirePageUser(permission: TPermission = "console:view", from = "/"): Promise<TCurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(from)}`);
  if (!principalCan(user, permission)) redirect(`/forbidden?need=${encodeURIComponent(permission)}`);
  return user;
}

/** For server actions: throws typed errors the action client turns into messages. */
export async function requireActionUser(permission: TPermission): Promise<TCurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new ExpectedError("UNAUTHENTICATED", "Your session has expired. Sign in again.");
  if (!principalCan(user, permission)) {
    throw new ExpectedError("FORBIDDEN", `Your role (${user.role}) may not do this (needs ${permission}).`);
  }
  return user;
}

/** The API token a request carries (Bearer, X-Api-Key or ?token=), if any. */
export function apiTokenFrom(request: Pick<Request, "headers" | "url">): string | null {
  const auth = request.headers.get("authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) return auth.slice(7).trim();
  const apiKey = request.headers.get("x-api-key");
  if (apiKey) return apiKey.trim();
  // Many firewalls fetch feeds by URL only and cannot send a header.
  return new URL(request.url).searchParams.get("token");
}

/** For route handlers: a token (Bearer, X-Api-Key or ?token=) or a console session. */
export async function authenticateRequest(request: Request, permission: TAnyPermission): Promise<TPrincipal> {
  const token = apiTokenFrom(request);
  let principal: TPrincipal | null = null;
  if (token) {
    principal = await findTokenPrincipal(token);
    if (!principal) throw new ExpectedError("UNAUTHENTICATED", "The API token is missing, wrong or revoked.");
  } else {
    principal = await getCurrentUser();
    if (!principal) {
      throw new ExpectedError("UNAUTHENTICATED", "Send an API token (Authorization: Bearer …) or sign in.");
    }
  }
  if (!principalCan(principal, permission)) {
    const who = principal.kind === "token" ? `token scope "${principal.scope}"` : `role ${principal.role}`;
    throw new ExpectedError("FORBIDDEN", `The ${who} does not allow ${permission}.`);
  }
  return principal;
}
