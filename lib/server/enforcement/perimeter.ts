import "server-only";
import type { TRawSql } from "@/lib/db/raw-sql";
import type { ContainmentStatus, EntityKind } from "@/lib/generated/prisma";
import { bytesToHex } from "@/lib/domain/ip-range";
import { compileSelector, formatCompiled } from "@/lib/domain/selectors";

// What firewalls and bouncers enforce: `block_ip` containments on an address or a range.
// The pipeline writes them (and their EnforcementChange rows); this folder only reads them.

export const BLOCK_IP_ACTION = "block_ip";

export type TPerimeterContainment = {
  id: string;
  number: number;
  action: string;
  status: ContainmentStatus;
  targetKind: EntityKind;
  targetValue: string;
  expiresAt: Date;
  endedAt: Date | null;
  playbookKey: string | null;
};

// Firewalls and bouncers poll, many of them and often, so these reads go straight on pg
// (lib/db/raw-sql.ts): through Prisma's query compiler a poll cost several times the CPU.
const COLUMNS = `"id", "number", "action", "status"::text AS "status", "targetKind"::text AS "targetKind", "targetValue", "expiresAt", "endedAt", "playbookKey"`;
const IN_FORCE = `"action" = '${BLOCK_IP_ACTION}' AND "targetKind" IN ('ip', 'cidr') AND "status" = 'ACTIVE' AND "expiresAt" > $1::timestamp(3)`;

/** Perimeter containments in force at `now` (active, not past their expiry yet); `where` narrows them further, its parameters from $2. */
export function readPerimeterInForce(sql: TRawSql, now: Date, narrow?: { where: string; values: unknown[] }): Promise<TPerimeterContainment[]> {
  const where = narrow ? `${IN_FORCE} AND (${narrow.where})` : IN_FORCE;
  return sql.$queryRawUnsafe<TPerimeterContainment[]>(`SELECT ${COLUMNS} FROM "Containment" WHERE ${where}`, now, ...(narrow?.values ?? []));
}

/** These containments, whatever their state. */
export function readPerimeterByIds(sql: TRawSql, ids: readonly string[]): Promise<TPerimeterContainment[]> {
  return sql.$queryRawUnsafe<TPerimeterContainment[]>(`SELECT ${COLUMNS} FROM "Containment" WHERE "id" = ANY($1::text[])`, ids);
}

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
