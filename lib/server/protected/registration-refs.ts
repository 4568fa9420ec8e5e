import "server-only";
import { principalCan } from "@/lib/auth/permissions";
import type { TTx } from "@/lib/db/client";
import { campaignFor, DEFAULT_CADENCE_DAYS, expiresAtFor } from "@/lib/domain/registration-expiry";
import { ExpectedError } from "@/lib/server/errors";

// What a registration points at besides itself: an asset class that exists, an owner who
// can look after it, and the campaign whose cadence sets its expiry.

export async function assertAssetClass(tx: TTx, key: string, field = "assetClass"): Promise<void> {
  const found = await tx.assetClass.findUnique({ where: { key }, select: { key: true } });
  if (!found) {
    const known = (await tx.assetClass.findMany({ select: { key: true }, orderBy: { key: "asc" } })).map((c) => c.key);
    throw new ExpectedError("BAD_INPUT", "Some fields need fixing.", { [field]: [`"${key}" is not an asset class: use one of ${known.join(", ")}`] });
  }
}

export type TOwnerRef = { id: string } | { email: string };
export type TOwner = { id: string; name: string; email: string };

/** An owner must be an enabled user whose role may maintain registrations (not a viewer). */
export async function resolveOwner(tx: TTx, ref: TOwnerRef, field: string): Promise<TOwner> {
  const user = await tx.user.findFirst({
    where: "id" in ref ? { id: ref.id } : { email: { equals: ref.email, mode: "insensitive" } },
    select: { id: true, name: true, email: true, role: true, disabled: true },
  });
  const label = "id" in ref ? "That user" : `"${ref.email}"`;
  if (!user) throw new ExpectedError("BAD_INPUT", "Some fields need fixing.", { [field]: [`${label} is not a Reflex user`] });
  if (user.disabled) throw new ExpectedError("BAD_INPUT", "Some fields need fixing.", { [field]: [`${user.name} is disabled and cannot own registrations`] });
  if (!principalCan({ kind: "user", ...user }, "assets:edit")) {
    throw new ExpectedError("BAD_INPUT", "Some fields need fixing.", { [field]: [`${user.name} is a ${user.role.toLowerCase()} and cannot maintain registrations`] });
  }
  return { id: user.id, name: user.name, email: user.email };
}

/** Certification at `now`: the covering open campaign's cadence, or the default one. */
export async function certificationAt(tx: TTx, reg: { assetClass: string; businessUnit: string }, now: Date) {
  const campaigns = await tx.registrationCampaign.findMany({
    where: { closedAt: null, opensAt: { lte: now } },
    select: { id: true, scopeAssetClasses: true, scopeBusinessUnits: true, cadenceDays: true },
  });
  const campaign = campaignFor(campaigns, reg);
  const cadenceDays = campaign?.cadenceDays ?? DEFAULT_CADENCE_DAYS;
  return { campaignId: campaign?.id ?? null, certifiedAt: now, expiresAt: expiresAtFor(now, cadenceDays), cadenceDays };
}

/** One live registration per owner and selector: a second one would only be a copy to keep in step. */
export async function assertNotYetRegistered(tx: TTx, owner: TOwner, selector: { kind: string; value: string }, field: string, exceptId?: string): Promise<void> {
  const existing = await tx.protectedAsset.findFirst({
    where: { ownerId: owner.id, selectorKind: selector.kind as never, selectorValue: selector.value, deletedAt: null, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (existing) {
    throw new ExpectedError("CONFLICT", `${owner.name} already registered ${selector.kind} ${selector.value}.`, {
      [field]: [`${owner.name} already registered ${selector.value}: edit that registration instead`],
    });
  }
}
