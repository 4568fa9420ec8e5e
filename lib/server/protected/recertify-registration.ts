import "server-only";
import type { TDb } from "@/lib/db/client";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { recordRegistrationChange, registrationName } from "./record-registration-change";
import { certificationAt } from "./registration-refs";
import { loadRegistrationForChange, type TRegistrationScope } from "./registration-scope";
import { REGISTRATION_SELECT, toRegistrationView, type TRegistrationView } from "./registration-view";

/**
 * The owner confirms the registration is still right: a fresh cadence period starts now
 * (the covering campaign's cadence, or the default). An expired registration protects
 * again from this moment. Its content is unchanged, so an edit open elsewhere still saves.
 */
export async function recertifyRegistration(client: TDb, options: { id: string; scope: TRegistrationScope; actor: TAuditActor; now?: Date }): Promise<TRegistrationView> {
  const { id, scope, actor } = options;
  const now = options.now ?? new Date();
  return client.$transaction(async (tx) => {
    const current = await loadRegistrationForChange(tx, scope, id);
    const certification = await certificationAt(tx, current, now);
    const row = await tx.protectedAsset.update({
      where: { id },
      data: { certifiedAt: certification.certifiedAt, expiresAt: certification.expiresAt, campaignId: certification.campaignId },
      select: REGISTRATION_SELECT,
    });
    const view = toRegistrationView(row);
    const until = certification.expiresAt.toISOString().slice(0, 10);
    await recordRegistrationChange(tx, {
      actor,
      change: "recertified",
      registration: view,
      summary: `${actor.name} re-certified ${registrationName(view)} until ${until} (every ${certification.cadenceDays} days)`,
      details: { previousExpiresAt: current.expiresAt?.toISOString() ?? null, expiresAt: certification.expiresAt.toISOString(), cadenceDays: certification.cadenceDays },
    });
    return view;
  });
}
