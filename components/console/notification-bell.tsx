"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { markNotificationsReadAction } from "@/app/(console)/notifications/actions";
import { unwrap } from "@/components/policy/action-result";
import { Button } from "@/components/ui/button";
import type { TNotificationView } from "@/lib/server/notifications/list-notifications";

/** The header bell: unread count, the latest notices, and one click to mark them read. */
export function NotificationBell({ items, unread }: { items: TNotificationView[]; unread: number }) {
  const router = useRouter();
  const markRead = useMutation({ mutationFn: () => unwrap(markNotificationsReadAction({})), onSuccess: () => router.refresh() });
  return (
    <details className="relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-3 py-1.5 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50" aria-label={`Notifications, ${unread} unread`}>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 fill-current">
          <path d="M10 2a6 6 0 0 0-6 6v3.6l-1.7 2.6A1 1 0 0 0 3.1 16h13.8a1 1 0 0 0 .8-1.8L16 11.6V8a6 6 0 0 0-6-6Zm0 18a3 3 0 0 0 2.8-2H7.2A3 3 0 0 0 10 20Z" />
        </svg>
        {unread > 0 ? <span className="rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white">{unread}</span> : <span className="text-xs text-slate-500">0</span>}
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-96 rounded-lg border border-slate-200 bg-white p-3 shadow-lg" role="region" aria-label="Notifications">
        {items.length === 0 ? (
          <p className="px-2 py-4 text-center text-sm text-slate-600">No notifications. Campaign reminders and expiry notices appear here.</p>
        ) : (
          <>
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
              {items.map((n) => (
                <li key={n.id} className={`px-2 py-2 text-sm ${n.read ? "text-slate-600" : "font-medium text-slate-900"}`}>
                  {/* Bold says "unread" only to the eye. */}
                  {!n.read && <span className="sr-only">Unread: </span>}
                  {n.link ? (
                    <a href={n.link} className="hover:underline">
                      {n.message}
                    </a>
                  ) : (
                    n.message
                  )}
                  <p className="mt-0.5 text-xs font-normal text-slate-500">{n.createdAt.replace("T", " ").slice(0, 16)} UTC</p>
                </li>
              ))}
            </ul>
            {unread > 0 && (
              <div className="mt-2 flex items-center justify-end gap-2">
                {markRead.isError && (
                  <p role="alert" className="text-xs text-red-700">
                    {markRead.error.message}
                  </p>
                )}
                <Button variant="ghost" onClick={() => markRead.mutate()} disabled={markRead.isPending}>
                  Mark all read
                </Button>
              </div>
            )}
          </>
        )}
      </div>
    </details>
  );
}
