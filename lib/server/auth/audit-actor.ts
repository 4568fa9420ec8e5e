import type { TPrincipal } from "@/lib/auth/permissions";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import type { TRequestMeta } from "@/lib/server/http/request-meta";

/** The audit log's snapshot of who acted: a person or an API token, with where from. */
export function auditActorOf(principal: TPrincipal, meta: TRequestMeta): TAuditActor {
  if (principal.kind === "user") {
    return { kind: "USER", id: principal.id, name: principal.name, email: principal.email, role: principal.role, ...meta };
  }
  return { kind: "TOKEN", id: principal.id, name: `token "${principal.name}"`, role: principal.scope, ...meta };
}
