import "server-only";
import { z } from "zod";
import type { TDb, TTx } from "@/lib/db/client";
import { ZRegistrationInput, type TRegistrationInput } from "@/lib/domain/registration-input";
import { appendAudit, type TAuditActor, type TAuditInput } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";
import { registrationChangeEvent, registrationName } from "./record-registration-change";
import { assertAssetClass, assertNotYetRegistered, certificationAt, resolveOwner, writeNotYetRegistered, type TCertification, type TOwner, type TOwnerRef } from "./registration-refs";
import type { TRegistrationScope } from "./registration-scope";
import { REGISTRATION_SELECT, registrationColumns, toRegistrationView, type TRegistrationView } from "./registration-view";

/** The form's and the API's body: the registration, and for CISO/SOC/tokens whose it is. */
export const ZCreateRegistration = ZRegistrationInput.extend({
  ownerId: z.string().min(1).optional(),
  ownerEmail: z.email("Enter the owner's e-mail address.").optional(),
});

/** An OWNER always registers for themself; others name the owner, or own it themselves. */
export async function ownerFor(tx: TTx, scope: TRegistrationScope, ref: TOwnerRef | null, actorUserId: string | null): Promise<TOwner> {
  if (scope.ownerId) return resolveOwner(tx, { id: scope.ownerId }, "ownerId");
  if (ref) return resolveOwner(tx, ref, "id" in ref ? "ownerId" : "ownerEmail");
  if (actorUserId) return resolveOwner(tx, { id: actorUserId }, "ownerId");
  throw new ExpectedError("BAD_INPUT", "Some fields need fixing.", { ownerEmail: ["Name the owner (ownerEmail): a token cannot own registrations"] });
}

export type TStoredRegistration = { view: TRegistrationView; certification: TCertification };

/** Stores one registration inside `tx` (the form and the API); its audit event is creationEvent's. */
async function storeRegistration(tx: TTx, options: { input: TRegistrationInput; owner: TOwner; now: Date }): Promise<TStoredRegistration> {
  const { input, owner, now } = options;
  await assertAssetClass(tx, input.assetClass);
  await assertNotYetRegistered(tx, owner, input.selector, "selector.value");
  const certification = await certificationAt(tx, input, now);
  const row = await writeNotYetRegistered(owner, input.selector, "selector.value", () =>
    tx.protectedAsset.create({
      data: {
        ...registrationColumns(input),
        ownerId: owner.id,
        campaignId: certification.campaignId,
        certifiedAt: certification.certifiedAt,
        expiresAt: certification.expiresAt,
      },
      select: REGISTRATION_SELECT,
    }),
  );
  return { view: toRegistrationView(row), certification };
}

/** A stored registration's "created" event (shared with CSV import, which signs its rows in one append). */
export function creationEvent(options: { stored: TStoredRegistration; actor: TAuditActor; via: string }): TAuditInput<"REGISTRATION_CHANGED"> {
  const { stored: { view, certification }, actor } = options;
  return registrationChangeEvent({
    actor,
    change: "created",
    registration: view,
    summary: `${actor.name} registered ${registrationName(view)} on the protected list for ${view.owner.name}, certified until ${certification.expiresAt.toISOString().slice(0, 10)}`,
    details: { owner: view.owner.email, via: options.via, expiresAt: certification.expiresAt.toISOString(), cadenceDays: certification.cadenceDays },
  });
}

export async function createRegistration(
  client: TDb,
  options: { input: z.output<typeof ZCreateRegistration>; scope: TRegistrationScope; actor: TAuditActor; actorUserId: string | null; via: "console" | "api"; now?: Date },
): Promise<TRegistrationView> {
  const { input, scope, actor } = options;
  const { ownerId, ownerEmail, ...registration } = input;
  const ref = ownerId ? { id: ownerId } : ownerEmail ? { email: ownerEmail } : null;
  return client.$transaction(async (tx) => {
    const owner = await ownerFor(tx, scope, ref, options.actorUserId);
    const stored = await storeRegistration(tx, { input: registration, owner, now: options.now ?? new Date() });
    await appendAudit(tx, creationEvent({ stored, actor, via: options.via }));
    return stored.view;
  });
}
