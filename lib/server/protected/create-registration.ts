import "server-only";
import { z } from "zod";
import type { TDb, TTx } from "@/lib/db/client";
import { ZRegistrationInput, type TRegistrationInput } from "@/lib/domain/registration-input";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";
import { recordRegistrationChange, registrationName } from "./record-registration-change";
import { assertAssetClass, assertNotYetRegistered, certificationAt, resolveOwner, type TOwner, type TOwnerRef } from "./registration-refs";
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

/** Inserts one registration and its audit event inside `tx` (shared by the form, the API and CSV import). */
export async function insertRegistration(tx: TTx, options: { input: TRegistrationInput; owner: TOwner; actor: TAuditActor; now: Date; via: string; fieldPrefix?: string }): Promise<TRegistrationView> {
  const { input, owner, actor, now } = options;
  const prefix = options.fieldPrefix ?? "";
  await assertAssetClass(tx, input.assetClass, `${prefix}assetClass`);
  await assertNotYetRegistered(tx, owner, input.selector, `${prefix}selector.value`);
  const certification = await certificationAt(tx, input, now);
  const row = await tx.protectedAsset.create({
    data: {
      ...registrationColumns(input),
      ownerId: owner.id,
      campaignId: certification.campaignId,
      certifiedAt: certification.certifiedAt,
      expiresAt: certification.expiresAt,
    },
    select: REGISTRATION_SELECT,
  });
  const view = toRegistrationView(row);
  await recordRegistrationChange(tx, {
    actor,
    change: "created",
    registration: view,
    summary: `${actor.name} registered ${registrationName(view)} on the protected list for ${owner.name}, certified until ${certification.expiresAt.toISOString().slice(0, 10)}`,
    details: { owner: owner.email, via: options.via, expiresAt: certification.expiresAt.toISOString(), cadenceDays: certification.cadenceDays },
  });
  return view;
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
    return insertRegistration(tx, { input: registration, owner, actor, now: options.now ?? new Date(), via: options.via });
  });
}
