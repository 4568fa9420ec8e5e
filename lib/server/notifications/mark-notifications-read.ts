import "server-only";
import type { TDb } from "@/lib/db/client";

/** Marks all of a person's notifications read; the user id comes from the session, never the form. */
export async function markNotificationsRead(client: TDb, options: { userId: string; now: Date }): Promise<{ marked: number }> {
  const result = await client.notification.updateMany({ where: { userId: options.userId, readAt: null }, data: { readAt: options.now } });
  return { marked: result.count };
}
