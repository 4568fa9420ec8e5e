"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { TNavItem } from "@/lib/auth/navigation";

/** A count next to a link, e.g. open escalations; `urgent` when some are past their SLA. */
export type TNavBadge = { count: number; urgent: boolean; label: string };

export function SideNav({ items, badges = {} }: { items: TNavItem[]; badges?: Record<string, TNavBadge> }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-1 px-3">
      <Link href="/" aria-current={pathname === "/" ? "page" : undefined} className={linkClass(pathname === "/")}>
        Overview
      </Link>
      {items.map((item) => {
        const active = pathname.startsWith(item.href);
        const badge = badges[item.href];
        return (
          <Link key={item.href} href={item.href} aria-current={active ? "page" : undefined} className={`${linkClass(active)} flex items-center justify-between`}>
            {item.label}
            {badge && badge.count > 0 && (
              <span aria-label={badge.label} title={badge.label} className={`rounded-full px-2 text-xs font-semibold ${badge.urgent ? "bg-red-600 text-white" : "bg-slate-700 text-slate-100"}`}>
                {badge.count}
              </span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}

function linkClass(active: boolean): string {
  return `rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-400 ${
    active ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white"
  }`;
}
