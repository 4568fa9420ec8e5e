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

type TOpenCampaign = { id: string; scopeAssetClasses: string[]; scopeBusinessUnits: string[]; cadenceDays: number };
export type TCertification = { campaignId: string | null; certifiedAt: Date; expiresAt: Date; cadenceDays: number };

/** The campaigns open at `now`: the cadences a registration certified then follows. */
export function openCampaigns(tx: TTx, now: Date): Promise<TOpenCampaign[]> {
  return tx.registrationCampaign.findMany({
    where: { closedAt: null, opensAt: { lte: now } },
    select: { id: true, scopeAssetClasses: true, scopeBusinessUnits: true, cadenceDays: true },
  });
}

/** Certification at `now` among these campaigns: the covering one's cadence, or the default one. */
export function certificationAmong(campaigns: readonly TOpenCampaign[], reg: { assetClass: string; businessUnit: string }, now: Date): TCertification {
  const campaign = campaignFor(campaigns, reg);
  const cadenceDays = campaign?.cadenceDays ?? DEFAULT_CADENCE_DAYS;
  return { campaignId: campaign?.id ?? null, certifiedAt: now, expiresAt: expiresAtFor(now, cadenceDays), cadenceDays };
}

/** Certification at `now`: the covering open campaign's cadence, or the default one. */
export async function certificationAt(tx: TTx, reg: { assetClass: string; businessUnit: string }, now: Date): Promise<TCertification> {
  return certificationAmong(await openCampaigns(tx, now), reg, now);
}

/** One live registration per owner and selector: a second one would only be a copy to keep in step. */
export async function assertNotYetRegistered(tx: TTx, owner: TOwner, selector: { kind: string; value: string }, field: string, exceptId?: string): Promise<void> {
  const existing = await tx.protectedAsset.findFirst({
    where: { ownerId: owner.id, selectorKind: selector.kind as never, selectorValue: selector.value, deletedAt: null, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (existing) throw alreadyRegistered(owner, selector, field);
}

/**
 * Runs the write that puts a live registration on (owner, selector). The check above cannot
 * see a registration another transaction is storing at the same moment; the database's index
 * (migration 20261127110000_one_live_registration_per_owner_selector) then refuses this write,
 * and it is reported as the check reports it. PostgreSQL has aborted the transaction by then,
 * so it rolls back whole: nothing of it, its audit event included, is stored.
 */
export async function writeNotYetRegistered<T>(owner: TOwner, selector: { kind: string; value: string }, field: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isOneLiveClash(error)) throw alreadyRegistered(owner, selector, field);
    throw error;
  }
}

/** Why a second live registration of `selector` by `owner` is refused: the field's message. */
export function alreadyRegisteredMessage(owner: Pick<TOwner, "name">, selector: { value: string }): string {
  return `${owner.name} already registered ${selector.value}: edit that registration instead`;
}

function alreadyRegistered(owner: TOwner, selector: { kind: string; value: string }, field: string): ExpectedError {
  return new ExpectedError("CONFLICT", `${owner.name} already registered ${selector.kind} ${selector.value}.`, { [field]: [alreadyRegisteredMessage(owner, selector)] });
}

const ONE_LIVE_INDEX = "ProtectedAsset_one_live_per_owner_selector";

// Prisma passes PostgreSQL's error code and message on (as its driver adapter reported them)
// but not the constraint's name: only the message says which unique index refused the row.
// The server words it in its own language (lc_messages) and quotes the name its way ("…",
// »…«, « … »), but never translates the name itself.
function isOneLiveClash(error: unknown): boolean {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; originalMessage?: unknown } } } } | null)?.meta?.driverAdapterError?.cause;
  return cause?.originalCode === "23505" && typeof cause.originalMessage === "string" && cause.originalMessage.includes(ONE_LIVE_INDEX);
}
