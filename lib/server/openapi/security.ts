import {
  OWNER_SCOPED,
  principalCan,
  ROLES,
  TOKEN_SCOPES,
  type TAnyPermission,
  type TPermission,
  type TRole,
  type TTokenScope,
} from "@/lib/auth/permissions";

// Who may call what, read from the same permission maps the server enforces
// (lib/auth/permissions.ts), so the document cannot promise access the server refuses.

export const SECURITY_SCHEMES = {
  bearerToken: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "rfx_<scope>_<random>",
    description:
      "An API token (`npx reflex token create --name <name> --scope ingest|feed|bouncer|admin`), shown once at creation; only its SHA-256 is stored. " +
      "`Authorization: Bearer <token>`.",
  },
  apiKeyHeader: { type: "apiKey", in: "header", name: "X-Api-Key", description: "The same API token, in the `X-Api-Key` header." },
  apiKeyQuery: {
    type: "apiKey",
    in: "query",
    name: "token",
    description: "The same API token as `?token=`, for devices that can only be given a URL (firewall feeds). It ends up in logs: use a `feed` token.",
  },
  consoleSession: {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description: "A signed-in console session (`__Secure-next-auth.session-token` over HTTPS). Used when the request carries no token.",
  },
} as const;

export type TSecurityScheme = keyof typeof SECURITY_SCHEMES;

export type TAccess = {
  security: Partial<Record<TSecurityScheme, string[]>>[];
  "x-reflex-permission": TAnyPermission;
  "x-reflex-token-scopes": TTokenScope[];
  "x-reflex-roles": TRole[];
};

export function tokenScopesFor(permission: TAnyPermission): TTokenScope[] {
  return TOKEN_SCOPES.filter((scope) => principalCan({ kind: "token", id: "", name: "", scope }, permission));
}

export function rolesFor(permission: TAnyPermission): TRole[] {
  return ROLES.filter((role) => principalCan({ kind: "user", id: "", email: "", name: "", role }, permission));
}

/** Security requirements and the `x-reflex-*` extensions of an operation guarded by `permission` (jsonRoute). */
export function accessFor(permission: TAnyPermission): TAccess {
  const scopes = tokenScopesFor(permission);
  const roles = rolesFor(permission);
  const security: TAccess["security"] = [];
  if (scopes.length > 0) security.push({ bearerToken: [] }, { apiKeyHeader: [] }, { apiKeyQuery: [] });
  if (roles.length > 0) security.push({ consoleSession: [] });
  return { security, "x-reflex-permission": permission, "x-reflex-token-scopes": scopes, "x-reflex-roles": roles };
}

/** One sentence for the operation's description: "Needs `containment:view`: tokens of scope admin; roles …". */
export function describeAccess(access: TAccess): string {
  const { "x-reflex-permission": permission, "x-reflex-token-scopes": scopes, "x-reflex-roles": roles } = access;
  const tokens = scopes.length ? `a token of scope ${scopes.map((s) => `\`${s}\``).join(" or ")}` : "no API token (console session only)";
  const people = roles.length ? `console roles ${roles.join(", ")}` : "no console role";
  const owner = roles.includes("OWNER") && OWNER_SCOPED.has(permission as TPermission) ? " (OWNER: only for assets they registered)" : "";
  return `Needs \`${permission}\`: ${tokens}; ${people}${owner}. A missing, wrong or revoked token is 401; a token or role without the permission is 403.`;
}

/** The CrowdSec-compatible API takes the key in X-Api-Key only and answers as CrowdSec's LAPI does. */
export const CROWDSEC_ACCESS = {
  security: [{ apiKeyHeader: [] }],
  "x-reflex-permission": "bouncer:read",
  "x-reflex-token-scopes": tokenScopesFor("bouncer:read"),
  "x-reflex-roles": [],
} satisfies TAccess;
