import "server-only";
import type { TDb } from "@/lib/db/client";

export type TNotificationView = { id: string; kind: string; message: string; link: string | null; createdAt: string; read: boolean };

/** A person's latest notifications and how many are unread (index: userId, createdAt). */
export async function listNotifications(client: TDb, options: { userId: string; take?: number }): Promise<{ items: TNotificationView[]; unread: number }> {
  const [rows, unread] = await Promise.all([
    client.notification.findMany({ where: { userId: options.userId }, orderBy: { createdAt: "desc" }, take: options.take ?? 20 }),
    client.notification.count({ where: { userId: options.userId, readAt: null } }),
  ]);
  return {
    items: rows.map((n) => ({ id: n.id, kind: n.kind, message: n.message, link: n.link, createdAt: n.createdAt.toISOString(), read: n.readAt !== null })),
    unread,
  };
}
