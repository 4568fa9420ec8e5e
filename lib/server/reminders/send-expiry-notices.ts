import type { TDb, TTx } from "@/lib/db/client";
import { EXPIRY_NOTICE_DAYS, daysUntilExpiry } from "@/lib/domain/registration-expiry";
import type { EntityKind } from "@/lib/generated/prisma";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";

// Registrations lapse at their expiry on their own (every protected-list query filters on
// expiresAt). This job tells people: the owner gets a notice EXPIRY_NOTICE_DAYS before, and
// once it has lapsed a REGISTRATION_CHANGED "expired" event records that it stopped
// protecting. Each notice is claimed by its RegistrationNotice key, so it goes out once per
// expiry; a re-certified registration has a new expiry and is announced again.

const DAY_MS = 86_400_000;

type TDue = { id: string; ownerId: string; ownerName: string; selectorKind: EntityKind; selectorValue: string; businessService: string; expiresAt: Date };

function findDue(client: TDb, kind: "expiring" | "expired", now: Date, limit: number): Promise<TDue[]> {
  const window = kind === "expiring" ? { from: now, to: new Date(now.getTime() + EXPIRY_NOTICE_DAYS * DAY_MS) } : { from: new Date(0), to: now };
  return client.$queryRaw<TDue[]>`
    SELECT p."id", p."ownerId", u."name" AS "ownerName", p."selectorKind", p."selectorValue", p."businessService", p."expiresAt"
    FROM "ProtectedAsset" p JOIN "User" u ON u."id" = p."ownerId"
    WHERE p."deletedAt" IS NULL AND p."expiresAt" > ${window.from} AND p."expiresAt" <= ${window.to}
      AND NOT EXISTS (SELECT 1 FROM "RegistrationNotice" n WHERE n."registrationId" = p."id" AND n."expiresAt" = p."expiresAt" AND n."kind" = ${kind})
    ORDER BY p."expiresAt" LIMIT ${limit}`;
}

/** Claims the notice if the registration still has that expiry (an owner may have re-certified meanwhile). */
async function claim(tx: TTx, r: TDue, kind: "expiring" | "expired"): Promise<boolean> {
  const [still] = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "ProtectedAsset" WHERE "id" = ${r.id} AND "deletedAt" IS NULL AND "expiresAt" = ${r.expiresAt} FOR UPDATE`;
  if (!still) return false;
  const inserted = await tx.$executeRaw`
    INSERT INTO "RegistrationNotice" ("registrationId", "expiresAt", "kind") VALUES (${r.id}, ${r.expiresAt}, ${kind}) ON CONFLICT DO NOTHING`;
  return inserted === 1;
}

export async function sendExpiryNotices(client: TDb, options: { now: Date; limit?: number }): Promise<{ expiring: number; expired: number }> {
  const { now } = options;
  const limit = options.limit ?? 500;
  let expiring = 0;
  for (const r of await findDue(client, "expiring", now, limit)) {
    const day = r.expiresAt.toISOString().slice(0, 10);
    const days = daysUntilExpiry(r.expiresAt, now);
    const done = await client.$transaction(async (tx) => {
      if (!(await claim(tx, r, "expiring"))) return false;
      await tx.notification.create({
        data: {
          userId: r.ownerId,
          kind: "registration.expiring",
          message: `Your registration of ${r.selectorKind} ${r.selectorValue} (${r.businessService}) expires on ${day} (${days} day${days === 1 ? "" : "s"} left). Re-certify it to keep it protected; after that it gets the default policy.`,
          link: "/assets",
        },
      });
      return true;
    });
    if (done) expiring += 1;
  }
  let expired = 0;
  for (const r of await findDue(client, "expired", now, limit)) {
    const day = r.expiresAt.toISOString().slice(0, 10);
    const done = await client.$transaction(async (tx) => {
      if (!(await claim(tx, r, "expired"))) return false;
      await tx.notification.create({
        data: {
          userId: r.ownerId,
          kind: "registration.expired",
          message: `Your registration of ${r.selectorKind} ${r.selectorValue} (${r.businessService}) expired on ${day} without re-certification: it no longer protects, and the default policy applies. Re-certify it to restore it.`,
          link: "/assets",
        },
      });
      await appendAudit(tx, {
        type: "REGISTRATION_CHANGED",
        actor: SYSTEM_ACTOR,
        subject: { kind: r.selectorKind, value: r.selectorValue },
        data: { change: "expired", registrationId: r.id, selector: { kind: r.selectorKind, value: r.selectorValue }, details: { expiresAt: r.expiresAt.toISOString() } },
        summary: `Registration of ${r.selectorKind} ${r.selectorValue} (${r.businessService}, owner ${r.ownerName}) expired on ${day} without re-certification: it no longer protects, the default policy applies`,
      });
      return true;
    });
    if (done) expired += 1;
  }
  return { expiring, expired };
}
