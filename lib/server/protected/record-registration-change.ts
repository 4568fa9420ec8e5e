import "server-only";
import type { TTx } from "@/lib/db/client";
import { appendAudit, type TAuditActor, type TAuditInput } from "@/lib/server/audit/append-audit";
import type { TSelector } from "@/lib/domain/types";

type TChange = "created" | "edited" | "handed_over" | "recertified" | "deleted";

type TRegistrationChange = {
  actor: TAuditActor;
  change: TChange;
  registration: { id: string; selector: TSelector; businessService: string };
  summary: string;
  details?: Record<string, unknown>;
};

/** Every registration change is one REGISTRATION_CHANGED event, written in the change's transaction. */
export async function recordRegistrationChange(tx: TTx, options: TRegistrationChange): Promise<void> {
  await appendAudit(tx, registrationChangeEvent(options));
}

/** The event itself, for a caller that appends many in one go (a CSV import). */
export function registrationChangeEvent(options: TRegistrationChange): TAuditInput<"REGISTRATION_CHANGED"> {
  const { registration: r } = options;
  return {
    type: "REGISTRATION_CHANGED",
    actor: options.actor,
    subject: { kind: r.selector.kind, value: r.selector.value },
    data: { change: options.change, registrationId: r.id, selector: r.selector, ...(options.details ? { details: options.details } : {}) },
    summary: options.summary,
  };
}

/** "ip 10.0.0.1 (Payments)": how audit sentences name a registration. */
export function registrationName(r: { selector: TSelector; businessService: string }): string {
  return `${r.selector.kind} ${r.selector.value} (${r.businessService})`;
}
