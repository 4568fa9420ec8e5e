import type { TUserPrincipal } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { TRegistrationInput } from "@/lib/domain/registration-input";
import type { TAuditActor } from "@/lib/server/audit/append-audit";

// The protected-list tests' people and registrations: one shape for every test file.

export type TPerson = TUserPrincipal & { actor: TAuditActor };

/** A seeded user as the services see them: the principal, and the actor their changes are signed by. */
export async function person(email: string): Promise<TPerson> {
  const u = await db().user.findUniqueOrThrow({ where: { email } });
  return { kind: "user", id: u.id, name: u.name, email: u.email, role: u.role, actor: { kind: "USER", id: u.id, name: u.name, email: u.email, role: u.role } };
}

/** A registration of an address or range, with everything else the form asks for filled in. */
export function registrationInput(value: string, extra: Partial<TRegistrationInput> = {}): TRegistrationInput {
  return {
    selector: { kind: value.includes("/") ? "cidr" : "ip", value },
    businessService: "Point of sale",
    businessUnit: "Retail",
    assetClass: "server",
    criticality: "HIGH",
    justification: "Tills in every store",
    onCallContact: "retail-oncall@example.com",
    requirements: { neverAutomatic: false, allowedActions: null, approvalBy: "Retail CAB", maxTtlSeconds: null, preferredAction: null, maintenanceWindows: [] },
    ...extra,
  };
}
