import "server-only";
import type { TDb } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma";
import { AUDIT_SUBJECT, entityMatchSql, queryComposed, utc } from "@/lib/server/lookup/entity-sql";
import { lookupMatches } from "@/lib/domain/lookup-query";
import { AUDIT_ENTRY_SELECT, escalationIdOf, toFeedEntry, type TAuditFeedEntry, type TEscalationRow } from "./feed-entry";
import type { TFeedQuery } from "./feed-query";

// The audit feed: newest first, keyset-paginated on AuditEvent.id (the global order), so
// events inserted while someone pages never shift a page, and every filter has an index
// that serves "matching rows in id order" (docs/BRIDGE-CALL.md, "Indexes").

export type TAuditPage = { events: TAuditFeedEntry[]; nextCursor: string | null };

function whereSql(query: TFeedQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (query.cursor !== null) conditions.push(Prisma.sql`e."id" < ${query.cursor}`);
  if (query.types) conditions.push(Prisma.sql`e."type" IN (${Prisma.join(query.types.map((t) => Prisma.sql`${t}::"AuditType"`))})`);
  // Literal type and expression: the partial index on (data->>'verdict', id) WHERE type = 'DECIDED'.
  if (query.verdicts) conditions.push(Prisma.sql`e."type" = 'DECIDED' AND (e."data" ->> 'verdict') IN (${Prisma.join(query.verdicts)})`);
  if (query.actorKind) conditions.push(Prisma.sql`e."actorKind" = ${query.actorKind}::"ActorKind"`);
  if (query.actor) conditions.push(Prisma.sql`e."actorName" = ${query.actor}`);
  if (query.playbook) conditions.push(Prisma.sql`e."playbookKey" = ${query.playbook}`);
  if (query.policyVersion !== null) conditions.push(Prisma.sql`e."policyVersion" = ${query.policyVersion}`);
  if (query.entity) conditions.push(entityMatchSql(query.entity.targets, AUDIT_SUBJECT));
  if (query.from) conditions.push(Prisma.sql`e."occurredAt" >= ${utc(query.from)}`);
  if (query.to) conditions.push(Prisma.sql`e."occurredAt" < ${utc(query.to)}`);
  if (query.q) conditions.push(Prisma.sql`to_tsvector('simple', e."summary") @@ websearch_to_tsquery('simple', ${query.q})`);
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

/** Fewer matches than this makes a search term "rare" (see pageIds). */
const RARE_TERM_CAP = 2000;

const toIds = (rows: { id: bigint | number | string }[]) => rows.map((r) => BigInt(r.id));

/**
 * The ids of one page (plus one more, to know whether there is a next page). "Newest first,
 * LIMIT n" tempts the planner to walk the primary key backwards and filter, which is
 * right for common conditions and a full scan for rare ones, so the selective ones drive:
 * - an entity: its events come from the subject indexes inside a materialised CTE (a
 *   fence the planner cannot see through), then sort;
 * - words: a probe through the full-text index alone (index scans off, bitmap scans on)
 *   stops after RARE_TERM_CAP + 1 rows; fewer means a rare term and the probe is the
 *   answer, more means a common one, which the backward walk meets within a few rows.
 * Every other filter has a (column, id) index that serves the backward walk directly.
 * Measured in docs/BRIDGE-CALL.md, "Indexes".
 */
async function pageIds(client: TDb, query: TFeedQuery): Promise<bigint[]> {
  const where = whereSql(query);
  const limit = query.limit + 1;
  if (query.entity) {
    return toIds(await queryComposed(client, Prisma.sql`WITH hits AS MATERIALIZED (SELECT e."id" FROM "AuditEvent" e ${where}) SELECT "id" FROM hits ORDER BY "id" DESC LIMIT ${limit}`));
  }
  if (query.q) {
    const probe = await client.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_indexscan = off");
      await tx.$executeRawUnsafe("SET LOCAL enable_indexonlyscan = off");
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return toIds(await queryComposed(tx, Prisma.sql`SELECT e."id" FROM "AuditEvent" e ${where} LIMIT ${RARE_TERM_CAP + 1}`));
    });
    if (probe.length <= RARE_TERM_CAP) return probe.sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)).slice(0, limit);
  }
  return toIds(await queryComposed(client, Prisma.sql`SELECT e."id" FROM "AuditEvent" e ${where} ORDER BY e."id" DESC LIMIT ${limit}`));
}

export async function loadEscalations(client: TDb, ids: string[]): Promise<Map<string, TEscalationRow>> {
  if (ids.length === 0) return new Map();
  const rows = await client.escalation.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, slaDueAt: true, resolvedAt: true, approver: true } });
  return new Map(rows.map((r) => [r.id, r]));
}

export async function listAuditEvents(client: TDb, query: TFeedQuery, now: Date = new Date()): Promise<TAuditPage> {
  const ids = await pageIds(client, query);
  const more = ids.length > query.limit;
  const pageOfIds = ids.slice(0, query.limit);
  const rows = pageOfIds.length ? await client.auditEvent.findMany({ where: { id: { in: pageOfIds } }, orderBy: { id: "desc" }, select: AUDIT_ENTRY_SELECT }) : [];
  // The SQL may over-match an entity; the selector logic has the last word.
  const entity = query.entity;
  const kept = entity ? rows.filter((r) => r.subjectKind !== null && r.subjectValue !== null && lookupMatches(entity.targets, { kind: r.subjectKind, value: r.subjectValue })) : rows;
  const escalations = await loadEscalations(client, kept.flatMap((r) => escalationIdOf(r) ?? []));
  // The cursor is the last id scanned, not the last kept: filtering never skips a row.
  const last = pageOfIds[pageOfIds.length - 1];
  return { events: kept.map((r) => toFeedEntry(r, escalations, now)), nextCursor: more && last !== undefined ? last.toString() : null };
}
