import type { TRawSql } from "@/lib/db/raw-sql";

/**
 * An approval request goes to its named approvers: each one who is a console user (matched
 * by e-mail or name, without case, like the queue does) gets a notification with the link
 * to their queue, in the transaction that opens the escalation. Approvers who are not users
 * get a signed approval link from the SOC instead.
 */
export async function notifyApprovers(tx: TRawSql, approvers: readonly string[], message: string): Promise<number> {
  if (approvers.length === 0) return 0;
  // Raw, in one statement: this runs inside the loop's group transaction (lib/db/raw-sql.ts).
  return tx.$executeRawUnsafe(
    `INSERT INTO "Notification" ("id", "userId", "kind", "message", "link", "createdAt")
     SELECT gen_random_uuid()::text, u."id", 'escalation.approval', $2, '/escalations', $3::timestamptz AT TIME ZONE 'UTC'
     FROM "User" u
     WHERE NOT u."disabled" AND (lower(u."email") = ANY($1::text[]) OR lower(u."name") = ANY($1::text[]))`,
    approvers.map((a) => a.trim().toLowerCase()),
    message,
    // Stamped here, as Prisma did: the column's default would be the session's local time.
    new Date(),
  );
}
