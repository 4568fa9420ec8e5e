import "server-only";
import type { Prisma } from "@/lib/generated/prisma";
import { bytesToHex } from "@/lib/domain/ip-range";
import { compileSelector, formatCompiled } from "@/lib/domain/selectors";

// What firewalls and bouncers enforce: `block_ip` containments on an address or a range.
// The pipeline writes them (and their EnforcementChange rows); this folder only reads them.

export const BLOCK_IP_ACTION = "block_ip";

/** Perimeter containments in force at `now`: active, and not past their expiry yet. */
export function activePerimeterWhere(now: Date): Prisma.ContainmentWhereInput {
  return { action: BLOCK_IP_ACTION, targetKind: { in: ["ip", "cidr"] }, status: "ACTIVE", expiresAt: { gt: now } };
}

export const perimeterSelect = {
  id: true,
  number: true,
  action: true,
  status: true,
  targetKind: true,
  targetValue: true,
  expiresAt: true,
  endedAt: true,
  playbookKey: true,
} satisfies Prisma.ContainmentSelect;

export type TPerimeterContainment = Prisma.ContainmentGetPayload<{ select: typeof perimeterSelect }>;

export function isPerimeter(c: Pick<TPerimeterContainment, "action" | "targetKind">): boolean {
  return c.action === BLOCK_IP_ACTION && (c.targetKind === "ip" || c.targetKind === "cidr");
}

export function isActiveAt(c: Pick<TPerimeterContainment, "status" | "expiresAt">, now: Date): boolean {
  return c.status === "ACTIVE" && c.expiresAt.getTime() > now.getTime();
}

/**
 * The target as enforcement points see it: canonical text, and a sort key that orders
 * addresses numerically (IPv4 before IPv6). Null when the stored value is not an address
 * or range — such a row is left out rather than sent to a firewall that may reject the
 * whole list over one bad line.
 */
export function perimeterTarget(c: Pick<TPerimeterContainment, "targetKind" | "targetValue">): { value: string; sortKey: string } | null {
  const compiled = compileSelector(c.targetKind, c.targetValue);
  if (!compiled.ok || (compiled.value.kind !== "ip" && compiled.value.kind !== "cidr")) return null;
  const { range } = compiled.value;
  return {
    value: formatCompiled(compiled.value).value,
    sortKey: `${bytesToHex(range.bytes)}/${range.prefix.toString().padStart(3, "0")}`,
  };
}
