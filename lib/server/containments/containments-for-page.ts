import "server-only";
import { principalCan, type TUserPrincipal } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { selectorMatches } from "@/lib/domain/selectors";
import type { TEntityKind } from "@/lib/domain/types";
import type { Prisma } from "@/lib/generated/prisma";
import { CONTAINMENT_SELECT } from "./list-containments";

export const CONTAINMENT_VIEWS = ["active", "expiring", "released", "expired", "failed"] as const;
export type TContainmentView = (typeof CONTAINMENT_VIEWS)[number];

const EXPIRING_WINDOW_MS = 60 * 60 * 1000;

function whereFor(view: TContainmentView, now: Date): Prisma.ContainmentWhereInput {
  switch (view) {
    case "active":
      return { status: { in: ["ACTIVE", "PENDING"] } };
    case "expiring":
      return { status: "ACTIVE", expiresAt: { lte: new Date(now.getTime() + EXPIRING_WINDOW_MS) } };
    case "released":
      return { status: "RELEASED" };
    case "expired":
      return { status: "EXPIRED" };
    case "failed":
      return { status: "FAILED" };
  }
}

type TTargeted = { status: string; targetKind: TEntityKind; targetValue: string };

/**
 * Whether to show this user a Release button per row. The server decides again on
 * release (release-containment.ts); this only keeps the UI from offering what it refuses.
 */
async function releaseChecker(user: TUserPrincipal): Promise<(c: TTargeted) => boolean> {
  if (!principalCan(user, "containment:release")) return () => false;
  const owned =
    user.role === "OWNER"
      ? (await db().protectedAsset.findMany({ where: { ownerId: user.id, deletedAt: null }, select: { selectorKind: true, selectorValue: true } })).map((a) => ({ kind: a.selectorKind, value: a.selectorValue }))
      : null;
  return (c) =>
    (c.status === "ACTIVE" || c.status === "PENDING") && (owned === null || owned.some((s) => selectorMatches(s, { kind: c.targetKind, value: c.targetValue })));
}

export async function canRelease(user: TUserPrincipal, containment: TTargeted): Promise<boolean> {
  return (await releaseChecker(user))(containment);
}

/** One view of the containments list, with whether this user may release each row. */
export async function containmentsForPage(user: TUserPrincipal, view: TContainmentView) {
  const rows = await db().containment.findMany({ where: whereFor(view, new Date()), orderBy: { number: "desc" }, take: 200, select: CONTAINMENT_SELECT });
  const check = await releaseChecker(user);
  return rows.map((c) => ({ ...c, canRelease: check(c) }));
}
