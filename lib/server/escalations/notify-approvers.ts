import type { TTx } from "@/lib/db/client";

/**
 * An approval request goes to its named approvers: each one who is a console user (matched
 * by e-mail or name, without case, like the queue does) gets a notification with the link
 * to their queue, in the transaction that opens the escalation. Approvers who are not users
 * get a signed approval link from the SOC instead.
 */
export async function notifyApprovers(tx: TTx, approvers: readonly string[], message: string): Promise<number> {
  if (approvers.length === 0) return 0;
  const users = await tx.user.findMany({
    where: {
      disabled: false,
      OR: approvers.flatMap((a) => [{ email: { equals: a.trim(), mode: "insensitive" as const } }, { name: { equals: a.trim(), mode: "insensitive" as const } }]),
    },
    select: { id: true },
  });
  await tx.notification.createMany({ data: users.map((u) => ({ userId: u.id, kind: "escalation.approval", message, link: "/escalations" })) });
  return users.length;
}
