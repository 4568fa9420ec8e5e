import type { ReactNode } from "react";
import { SideNav, type TNavBadge } from "@/components/console/side-nav";
import { NotificationBell } from "@/components/console/notification-bell";
import { SignOutButton } from "@/components/console/sign-out-button";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { navigationFor } from "@/lib/auth/navigation";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/server/auth/authorize";
import type { TCurrentUser } from "@/lib/server/auth/current-user";
import { countOpenEscalations } from "@/lib/server/escalations/list-escalations";
import { listNotifications } from "@/lib/server/notifications/list-notifications";

/** Overdue escalations are flagged on every console page, not only on the queue. */
async function navBadges(user: TCurrentUser): Promise<Record<string, TNavBadge>> {
  if (!can(user.role, "escalation:view")) return {};
  const scope = user.role === "OWNER" ? { kind: "addressed" as const, email: user.email, name: user.name } : { kind: "all" as const };
  const { open, overdue } = await countOpenEscalations(db(), { scope, now: new Date() });
  const label = overdue > 0 ? `${open} open escalations, ${overdue} past their SLA` : `${open} open escalations`;
  return { "/escalations": { count: open, urgent: overdue > 0, label } };
}

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser("console:view");
  return (
    <div className="flex min-h-screen">
      <aside className="no-print flex w-60 shrink-0 flex-col bg-slate-900 text-slate-100">
        <a href="/" className="px-5 py-5 text-lg font-bold tracking-tight text-white">
          Reflex
        </a>
        <SideNav items={navigationFor(user.role)} badges={await navBadges(user)} />
        <div className="mt-auto border-t border-slate-800 px-5 py-4 text-sm">
          <p className="font-medium text-white" data-testid="current-user">
            {user.name}
          </p>
          <p className="text-slate-400">{user.email}</p>
          <p className="mt-1 text-xs uppercase tracking-wide text-indigo-300" data-testid="current-role">
            {ROLE_LABELS[user.role]}
          </p>
          <SignOutButton />
        </div>
      </aside>
      <div className="min-w-0 flex-1 px-8 py-8">
        {/* Outside <main>, so that assistive technology finds the bell in the page's banner landmark. */}
        <header className="no-print mb-2 flex justify-end">
          <NotificationBell {...await listNotifications(db(), { userId: user.id })} />
        </header>
        <main>{children}</main>
      </div>
    </div>
  );
}
