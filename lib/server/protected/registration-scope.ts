import "server-only";
import { isOwnerScoped, type TPrincipal } from "@/lib/auth/permissions";
import type { TTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma";
import { ExpectedError } from "@/lib/server/errors";
import { REGISTRATION_SELECT, toRegistrationView, type TRegistrationView } from "./registration-view";

// An OWNER sees and changes only their own registrations. The condition goes into every
// query's `where`, and a registration outside it reads as missing: no hint it exists.

/** `ownerId` null: every owner's registrations (CISO, SOC, admin tokens). */
export type TRegistrationScope = { ownerId: string | null };

export const ALL_REGISTRATIONS: TRegistrationScope = { ownerId: null };

export function registrationScopeOf(principal: TPrincipal): TRegistrationScope {
  return principal.kind === "user" && isOwnerScoped(principal.role, "assets:edit") ? { ownerId: principal.id } : ALL_REGISTRATIONS;
}

export function scopedWhere(scope: TRegistrationScope, where: Prisma.ProtectedAssetWhereInput = {}): Prisma.ProtectedAssetWhereInput {
  return { ...where, deletedAt: null, ...(scope.ownerId ? { ownerId: scope.ownerId } : {}) };
}

/** The live registration, locked for the rest of the transaction so concurrent changes queue. */
export async function loadRegistrationForChange(tx: TTx, scope: TRegistrationScope, id: string): Promise<TRegistrationView> {
  await tx.$queryRaw`SELECT "id" FROM "ProtectedAsset" WHERE "id" = ${id} FOR UPDATE`;
  const row = await tx.protectedAsset.findFirst({ where: scopedWhere(scope, { id }), select: REGISTRATION_SELECT });
  if (!row) {
    throw new ExpectedError("NOT_FOUND", scope.ownerId ? "No registration with that id among yours." : "No registration with that id (it may have been removed).");
  }
  return toRegistrationView(row);
}

/** Optimistic concurrency: an edit made on a copy someone else changed since is refused, not merged. */
export function assertEditVersion(current: TRegistrationView, expected: number | undefined): void {
  if (expected !== undefined && expected !== current.editVersion) {
    throw new ExpectedError(
      "CONFLICT",
      `Someone changed the registration of ${current.selector.value} while you were editing it (edit ${current.editVersion}, you had ${expected}). Your changes are not saved: reload to see theirs.`,
    );
  }
}
