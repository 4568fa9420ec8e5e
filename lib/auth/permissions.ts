// Permissions are data: one list, one role → permissions map, one check (`can`).
// The UI uses it to hide what a role cannot do; the server uses the same map to refuse it.

export const ROLES = ["CISO", "SOC", "OWNER", "VIEWER"] as const;
export type TRole = (typeof ROLES)[number];

export const ROLE_LABELS: Record<TRole, string> = {
  CISO: "CISO",
  SOC: "SOC lead / analyst",
  OWNER: "Business owner",
  VIEWER: "Bridge-call viewer",
};

export const PERMISSIONS = [
  "console:view",
  "audit:view",
  "audit:export",
  "containment:view",
  "containment:release", // OWNER: only containments touching assets they own (checked in the service)
  "policy:view",
  "policy:edit",
  "policy:sign",
  "policy:promote", // a draft switching a rehearsed shadow cell to autonomous; a CISO still signs it
  "killswitch:toggle",
  "assets:view", // OWNER: only their own registrations (owner condition in the query)
  "assets:edit", // OWNER: only their own registrations
  "campaign:manage",
  "escalation:view", // OWNER: only approval requests addressed to them
  "escalation:decide", // OWNER: only escalations addressed to them as the named approver
  "hold:manage",
  "playbook:edit",
  "settings:view",
  "settings:manage",
  "dashboard:view",
] as const;
export type TPermission = (typeof PERMISSIONS)[number];

const EVERYONE: TPermission[] = ["console:view", "audit:view", "audit:export", "containment:view", "policy:view"];

export const ROLE_PERMISSIONS: Record<TRole, ReadonlySet<TPermission>> = {
  CISO: new Set(PERMISSIONS),
  SOC: new Set<TPermission>([
    ...EVERYONE,
    "containment:release",
    "assets:view",
    "assets:edit",
    "campaign:manage",
    "escalation:view",
    "escalation:decide",
    "hold:manage",
    "playbook:edit",
    "settings:view",
    "policy:promote",
    "dashboard:view",
  ]),
  OWNER: new Set<TPermission>([...EVERYONE, "containment:release", "assets:view", "assets:edit", "escalation:view", "escalation:decide"]),
  VIEWER: new Set<TPermission>([...EVERYONE, "assets:view"]),
};

/** Permissions the role holds only for its own resources (the service adds the owner condition). */
export const OWNER_SCOPED: ReadonlySet<TPermission> = new Set(["containment:release", "assets:view", "assets:edit", "escalation:view", "escalation:decide"]);

export function can(role: TRole, permission: TPermission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

export function isOwnerScoped(role: TRole, permission: TPermission): boolean {
  return role === "OWNER" && OWNER_SCOPED.has(permission);
}

// Machines authenticate with API tokens; a token's scope maps to permissions the same way.
export const TOKEN_SCOPES = ["ingest", "feed", "bouncer", "admin"] as const;
export type TTokenScope = (typeof TOKEN_SCOPES)[number];

/** What stops working when a token of this scope is revoked: said before (the console's dialog) and after (the audit line). */
export const REVOCATION_EFFECT: Record<TTokenScope, string> = {
  ingest: "Alert sources and log shippers sending with it get 401: their alerts stop arriving until they have a new token.",
  feed: "The firewall pulling the blocklist with it gets 401 and keeps the last list it had: new blocks and releases stop reaching it.",
  bouncer: "The bouncer using it gets 403 and keeps the decisions it has: new blocks and releases stop reaching it.",
  admin: "Scripts using it are refused from their next request on.",
};

export const MACHINE_PERMISSIONS = ["alerts:ingest", "events:ingest", "feed:read", "bouncer:read"] as const;
export type TMachinePermission = (typeof MACHINE_PERMISSIONS)[number];
export type TAnyPermission = TPermission | TMachinePermission;

export const TOKEN_SCOPE_PERMISSIONS: Record<TTokenScope, ReadonlySet<TAnyPermission>> = {
  ingest: new Set<TAnyPermission>(["alerts:ingest", "events:ingest"]),
  feed: new Set<TAnyPermission>(["feed:read"]),
  bouncer: new Set<TAnyPermission>(["bouncer:read"]),
  admin: new Set<TAnyPermission>([
    ...MACHINE_PERMISSIONS,
    "audit:view",
    "audit:export",
    "containment:view",
    "containment:release",
    "assets:view",
    "assets:edit",
    "policy:view",
  ]),
};

export type TUserPrincipal = { kind: "user"; id: string; email: string; name: string; role: TRole };
export type TTokenPrincipal = { kind: "token"; id: string; name: string; scope: TTokenScope };
export type TPrincipal = TUserPrincipal | TTokenPrincipal;

/** The one authorization check, for people and machines alike. */
export function principalCan(principal: TPrincipal, permission: TAnyPermission): boolean {
  if (principal.kind === "token") return TOKEN_SCOPE_PERMISSIONS[principal.scope].has(permission);
  return (ROLE_PERMISSIONS[principal.role] as ReadonlySet<TAnyPermission>).has(permission);
}
