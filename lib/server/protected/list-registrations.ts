import "server-only";
import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { ENTITY_KINDS } from "@/lib/domain/types";
import { scopedWhere, type TRegistrationScope } from "./registration-scope";
import { REGISTRATION_SELECT, toRegistrationView, type TRegistrationView } from "./registration-view";

export const ZRegistrationQuery = z.object({
  q: z.string().trim().max(200).optional(),
  kind: z.enum(ENTITY_KINDS).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TRegistrationQuery = z.output<typeof ZRegistrationQuery>;

export type TRegistrationPage = { items: TRegistrationView[]; nextCursor: string | null };

/** Newest first, keyset-paginated on (createdAt, id); OWNERs get only their own. */
export async function listRegistrations(client: TDb, options: { query: TRegistrationQuery; scope: TRegistrationScope }): Promise<TRegistrationPage> {
  const { query, scope } = options;
  const search = query.q
    ? { OR: [{ selectorValue: { contains: query.q, mode: "insensitive" as const } }, { businessService: { contains: query.q, mode: "insensitive" as const } }, { businessUnit: { contains: query.q, mode: "insensitive" as const } }] }
    : {};
  const rows = await client.protectedAsset.findMany({
    where: scopedWhere(scope, { ...search, ...(query.kind ? { selectorKind: query.kind } : {}) }),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    select: REGISTRATION_SELECT,
  });
  const items = rows.slice(0, query.limit).map(toRegistrationView);
  return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null };
}
