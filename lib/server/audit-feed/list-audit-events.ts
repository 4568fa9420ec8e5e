import "server-only";
import type { TDb, TTx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma";
import { AUDIT_SUBJECT, entityMatchSql, queryComposed, utc } from "@/lib/server/lookup/entity-sql";
import { lookupMatches } from "@/lib/domain/lookup-query";
import { AUDIT_ENTRY_SELECT, escalationIdOf, toFeedEntry, type TAuditFeedEntry, type TEscalationRow } from "./feed-entry";
import type { TFeedQuery } from "./feed-query";

// The audit feed: newest first, keyset-paginated on AuditEvent.id (the global order), so
// events inserted while someone pages never shift a page, and every filter has an index
// that serves "matching rows in id order" (docs/BRIDGE-CALL.md, "Indexes").

export type TAuditPage = { events: TAuditFeedEntry[]; nextCursor: string | null };

/** Every condition but the words: those need the search tables (see wordsArms). */
function filterConditions(query: TFeedQuery): Prisma.Sql[] {
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
  return conditions;
}

const whereOf = (conditions: Prisma.Sql[]) => (conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty);

const tsQuery = (words: string) => Prisma.sql`websearch_to_tsquery('simple', ${words})`;

/**
 * The events matching the words, as two SELECTs of "id": the indexed ones through
 * AuditSearch's GIN, and those still queued for the indexer (index-audit-search.ts) by their
 * sentence's vector. For the queued ones, the queue's rows are joined and filtered first
 * behind an OFFSET 0 fence, and the vector is computed only for them: otherwise the planner
 * may start from an AuditEvent index (the cursor's range, a type, a time range) and compute
 * the vector of every event in it (seconds on a large log). The cursor is also put on each
 * table's own key, so that a walk starts at the cursor instead of the newest row. The
 * indexer moves an event from one table to the other in one transaction, so one snapshot
 * sees it in exactly one of them.
 */
function wordsArms(words: string, cursor: bigint | null, conditions: Prisma.Sql[]): { queued: Prisma.Sql; indexed: Prisma.Sql } {
  const below = (column: string) => (cursor === null ? [] : [Prisma.sql`${Prisma.raw(column)} < ${cursor}`]);
  return {
    queued: Prisma.sql`SELECT x."id" FROM (SELECT e."id", e."summary" FROM "AuditSearchQueue" w JOIN "AuditEvent" e ON e."id" = w."eventId" ${whereOf([...below(`w."eventId"`), ...conditions])} OFFSET 0) x
      WHERE to_tsvector('simple', x."summary") @@ ${tsQuery(words)}`,
    indexed: Prisma.sql`SELECT e."id" FROM "AuditSearch" s JOIN "AuditEvent" e ON e."id" = s."eventId" ${whereOf([Prisma.sql`s."document" @@ ${tsQuery(words)}`, ...below(`s."eventId"`), ...conditions])}`,
  };
}

// JIT off throughout: a probe's plan costs what the planner charges for the access paths it
// was told not to use, far above jit_above_cost, and compiling it took about 150 ms here for
// a query that runs in 1 ms. The probe of the GIN index also runs without parallel workers:
// starting them took longer (about 130 ms) than its whole work. The queued events' probe
// keeps the planner's other choices, so that the small queue drives it.
const SEARCH_SETTINGS = { jit: "off" };
const GIN_PROBE_SETTINGS = { enable_indexscan: "off", enable_indexonlyscan: "off", enable_seqscan: "off", max_parallel_workers_per_gather: "0" };
/** A slow search is better than none: Prisma's default of 5 s would turn it into an error. */
const SEARCH_TIMEOUT_MS = 30_000;

async function configure(tx: TTx, settings: Record<string, string>): Promise<void> {
  // set_config(…, true) is SET LOCAL: the settings end with the transaction.
  const calls = Object.entries(settings).map(([name, value]) => Prisma.sql`set_config(${name}, ${value}, true)`);
  await queryComposed(tx, Prisma.sql`SELECT ${Prisma.join(calls)}`);
}

/** Statements on one snapshot (REPEATABLE READ), so that an event moved by the indexer meanwhile is seen on one side only. */
async function inOneSnapshot<T>(client: TDb, run: (tx: TTx) => Promise<T>): Promise<T> {
  return client.$transaction(
    async (tx) => {
      await configure(tx, SEARCH_SETTINGS);
      return run(tx);
    },
    { timeout: SEARCH_TIMEOUT_MS, isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
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
 * - words: a probe of the search table's GIN index (index scans off, bitmap scans on) and
 *   of the events still queued for the indexer stops after RARE_TERM_CAP + 1 rows each;
 *   fewer in all means a rare term and the probe is the answer, more a common one, which a
 *   backward walk meets within a few rows (each side newest first, then merged).
 * Every other filter has a (column, id) index that serves the backward walk directly.
 * Measured in docs/BRIDGE-CALL.md, "Indexes".
 */
async function pageIds(client: TDb, query: TFeedQuery): Promise<bigint[]> {
  const conditions = filterConditions(query);
  const limit = query.limit + 1;
  if (query.entity) {
    const entityHits = (words: Prisma.Sql[]) =>
      Prisma.sql`WITH hits AS MATERIALIZED (SELECT e."id" FROM "AuditEvent" e ${whereOf([...conditions, ...words])}) SELECT "id" FROM hits ORDER BY "id" DESC LIMIT ${limit}`;
    if (!query.q) return toIds(await queryComposed(client, entityHits([])));
    // An entity's events are few: each is checked against its stored vector, looked up by key
    // (a join was planned as a scan of the whole search table), or its sentence's when queued.
    const words = Prisma.sql`COALESCE((SELECT s."document" FROM "AuditSearch" s WHERE s."eventId" = e."id"), to_tsvector('simple', e."summary")) @@ ${tsQuery(query.q)}`;
    return toIds(await inOneSnapshot(client, (tx) => queryComposed<{ id: bigint }>(tx, entityHits([words]))));
  }
  if (query.q) {
    const { queued, indexed } = wordsArms(query.q, query.cursor, conditions);
    const probe = await inOneSnapshot(client, async (tx) => {
      const fromQueue = await queryComposed<{ id: bigint }>(tx, Prisma.sql`${queued} LIMIT ${RARE_TERM_CAP + 1}`);
      await configure(tx, GIN_PROBE_SETTINGS);
      return [...(await queryComposed<{ id: bigint }>(tx, Prisma.sql`${indexed} LIMIT ${RARE_TERM_CAP + 1}`)), ...fromQueue];
    });
    if (probe.length <= RARE_TERM_CAP) return toIds(probe).sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)).slice(0, limit);
    const walk = await inOneSnapshot(client, (tx) =>
      queryComposed<{ id: bigint }>(
        tx,
        Prisma.sql`SELECT "id" FROM ((${indexed} ORDER BY e."id" DESC LIMIT ${limit}) UNION ALL (${queued} ORDER BY x."id" DESC LIMIT ${limit})) AS hits ORDER BY "id" DESC LIMIT ${limit}`,
      ),
    );
    return toIds(walk);
  }
  return toIds(await queryComposed(client, Prisma.sql`SELECT e."id" FROM "AuditEvent" e ${whereOf(conditions)} ORDER BY e."id" DESC LIMIT ${limit}`));
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
