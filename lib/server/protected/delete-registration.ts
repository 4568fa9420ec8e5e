import "server-only";
import type { TDb } from "@/lib/db/client";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { recordRegistrationChange, registrationName } from "./record-registration-change";
import { loadRegistrationForChange, type TRegistrationScope } from "./registration-scope";

/**
 * Takes a registration off the protected list. The row stays (deletedAt set) because past
 * decisions and audit events name it; from this moment it no longer protects anything.
 */
export async function deleteRegistration(client: TDb, options: { id: string; scope: TRegistrationScope; actor: TAuditActor; now?: Date }): Promise<{ id: string }> {
  const { id, scope, actor } = options;
  return client.$transaction(async (tx) => {
    const current = await loadRegistrationForChange(tx, scope, id);
    await tx.protectedAsset.update({ where: { id }, data: { deletedAt: options.now ?? new Date(), editVersion: { increment: 1 } } });
    await recordRegistrationChange(tx, {
      actor,
      change: "deleted",
      registration: current,
      summary: `${actor.name} removed ${registrationName(current)} of ${current.owner.name} from the protected list: the default policy applies to it now`,
      details: { owner: current.owner.email },
    });
    return { id };
  });
}
