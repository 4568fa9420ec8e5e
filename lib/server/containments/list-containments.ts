import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { compileSelector, formatCompiled } from "@/lib/domain/selectors";
import { Prisma } from "@/lib/generated/prisma";
import { ExpectedError } from "@/lib/server/errors";
import { CONTAINMENT_TARGET, entityMatchSql, queryComposed } from "@/lib/server/lookup/entity-sql";

export const ZContainmentQuery = z.object({
  target: z.string().trim().min(1).max(200).optional(),
  status: z.enum(["active", "released", "expired", "pending", "failed"], { message: "status is active, released, expired, pending or failed" }).optional(),
  cursor: z.string().regex(/^\d+$/, "cursor is the nextCursor of the previous page").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TContainmentQuery = z.infer<typeof ZContainmentQuery>;

export const CONTAINMENT_SELECT = {
  id: true, number: true, action: true, targetKind: true, targetValue: true, status: true, reason: true, connector: true,
  confidence: true, blastRadiusCount: true, policyVersion: true, playbookKey: true, createdAt: true, activatedAt: true,
  expiresAt: true, endedAt: true, releasedByName: true, releaseReason: true, lastError: true,
} satisfies Prisma.ContainmentSelect;

/** The first kind the value parses as, most specific first ("10.0.0.0/8" is a CIDR, "web-01" a host). */
function parseTarget(value: string) {
  for (const kind of ["ip", "cidr", "host", "account"] as const) {
    const compiled = compileSelector(kind, value);
    if (compiled.ok) return { kind, compiled: compiled.value };
  }
  throw new ExpectedError("BAD_INPUT", `"${value}" is not an IP, CIDR, hostname or account name.`, { target: ["Not an IP, CIDR, hostname or account."] });
}

/**
 * Newest first, keyset-paginated on `number`. A target filter uses selector logic: an IP
 * finds the CIDR containments that cover it, a CIDR finds the IPs inside it.
 */
export async function listContainments(client: TDb, query: TContainmentQuery) {
  const where: Prisma.ContainmentWhereInput = {
    ...(query.status ? { status: query.status.toUpperCase() as Prisma.ContainmentWhereInput["status"] } : {}),
    ...(query.cursor ? { number: { lt: Number(query.cursor) } } : {}),
  };
  let rows;
  if (query.target) {
    const target = parseTarget(query.target);
    if (target.kind === "ip" || target.kind === "cidr") {
      // Overlap on inet in SQL, as the bridge-call lookup finds it (through the targets' GiST
      // index, IPv4 inside IPv6 ranges that cover it included), so the page is filled from
      // every match, however many others there are.
      // Exact here, unlike a lookup's SQL in general: stored targets are canonical, so no row
      // needs the selector logic's second look.
      const lookup = { kind: target.kind, value: formatCompiled(target.compiled).value, compiled: target.compiled };
      const status = query.status ?? null;
      const cursor = query.cursor ? Number(query.cursor) : null;
      const numbers = await queryComposed<{ number: number }>(
        client,
        // The matches come out of the GiST index inside a fence, then sort: left to itself, the
        // planner walked "number" backwards and cast every containment (docs/BRIDGE-CALL.md).
        Prisma.sql`
          WITH hits AS MATERIALIZED (
            SELECT c."number" FROM "Containment" c
            WHERE ${entityMatchSql([lookup], CONTAINMENT_TARGET)}
              AND (${status}::text IS NULL OR c."status"::text = upper(${status}::text))
              AND (${cursor}::int IS NULL OR c."number" < ${cursor}::int))
          SELECT "number" FROM hits ORDER BY "number" DESC LIMIT ${query.limit}`,
      );
      rows = await client.containment.findMany({ where: { number: { in: numbers.map((n) => n.number) } }, orderBy: { number: "desc" }, select: CONTAINMENT_SELECT });
    } else {
      rows = await client.containment.findMany({
        where: { ...where, targetKind: target.kind, targetValue: { equals: formatCompiled(target.compiled).value, mode: "insensitive" } },
        orderBy: { number: "desc" },
        take: query.limit,
        select: CONTAINMENT_SELECT,
      });
    }
  } else {
    rows = await client.containment.findMany({ where, orderBy: { number: "desc" }, take: query.limit, select: CONTAINMENT_SELECT });
  }
  const last = rows[rows.length - 1];
  return { containments: rows, nextCursor: rows.length === query.limit && last ? String(last.number) : null };
}

