import { can, type TPermission, type TRole } from "./permissions";

export type TNavItem = { href: string; label: string; permission: TPermission };

export const NAV_ITEMS: TNavItem[] = [
  { href: "/dashboard", label: "Dashboard", permission: "dashboard:view" },
  { href: "/policy", label: "Policy", permission: "policy:view" },
  { href: "/assets", label: "Protected assets", permission: "assets:view" },
  { href: "/campaigns", label: "Campaigns", permission: "campaign:manage" },
  { href: "/lookup", label: "Lookup", permission: "audit:view" },
  { href: "/audit", label: "Audit feed", permission: "audit:view" },
  { href: "/escalations", label: "Escalations", permission: "escalation:view" },
  { href: "/holds", label: "Holds", permission: "hold:manage" },
  { href: "/containments", label: "Containments", permission: "containment:view" },
  { href: "/settings", label: "Settings", permission: "settings:view" },
];

export function navigationFor(role: TRole): TNavItem[] {
  return NAV_ITEMS.filter((item) => can(role, item.permission));
}
