import "server-only";
import type { TRawSql } from "@/lib/db/raw-sql";
import {
  MAX_EXAMPLES,
  MAX_TALLY,
  type TAnswerOf,
  type TContextQuestionKind,
  type TQuestionOf,
  type TTally,
} from "@/lib/playbooks/context-questions";

// One statement answers every question of one kind, so a batch of alerts costs the
// statements of one. The questions travel as parallel arrays (one parameter each, so any
// number fits); `unnest … WITH ORDINALITY` numbers them, and LATERAL subqueries run each
// question on its own index, exactly as a query of its own would: [sourceIp, kind,
// occurredAt], [account, kind, occurredAt], [host, occurredAt]. Windows are turned into
// UTC timestamps like the column (timestamp(3), no zone), so neither the session's
// TimeZone nor a cast of the column gets in the way. Rows come back ordered by question,
// then in the answer's own order, and each answer is rebuilt from its rows.


/** The questions of one statement, q(ord, key, since, until), from parameters $1–$3. */
const QUESTIONS = `q AS (
    SELECT u.ord::int AS ord, u.key, u.since AT TIME ZONE 'UTC' AS since, u.until AT TIME ZONE 'UTC' AS until
    FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS u(key, since, until, ord))`;

/** Events of a question `q` (alias `e`), each condition on the leading columns of an index. */
const IP_SUCCESS = `e."sourceIp" = q.key AND e."kind" = 'auth_success' AND e."occurredAt" BETWEEN q.since AND q.until`;
const IP_FAILURE = `e."sourceIp" = q.key AND e."kind" = 'auth_failure' AND e."occurredAt" BETWEEN q.since AND q.until`;
const ACCOUNT_SUCCESS = `e."account" = q.key AND e."kind" = 'auth_success' AND e."occurredAt" BETWEEN q.since AND q.until`;
// The [host, occurredAt] index bounds the scan; the kind filter applies within it.
const HOST_SUCCESS = `e."host" = q.key AND e."occurredAt" BETWEEN q.since AND q.until AND e."kind" = 'auth_success'`;

function windowParams<Q extends { since: Date; until: Date }>(questions: readonly Q[], key: (q: Q) => string) {
  return [questions.map(key), questions.map((q) => q.since.toISOString()), questions.map((q) => q.until.toISOString())];
}

/** Each question's rows, in question order (`ord` counts from 1). */
function rowsByQuestion<R extends { ord: number }>(rows: readonly R[], questions: number): R[][] {
  const grouped: R[][] = Array.from({ length: questions }, () => []);
  for (const row of rows) {
    const group = grouped[row.ord - 1];
    if (!group) throw new Error(`context store returned a row for question ${row.ord} of ${questions}`);
    group.push(row);
  }
  return grouped;
}

/** A question's first row, which carries its totals; a question without rows is a broken statement. */
function totalsOf<R>(rows: readonly R[]): R {
  const first = rows[0];
  if (!first) throw new Error("context store returned no row for a question");
  return first;
}

/** Group rows as tallies, most events first, then newest, then by value. */
function tallies(rows: { value: string | null; count: number; lastAt: Date }[]): TTally[] {
  const byValue = new Map<string, TTally>();
  for (const row of rows) {
    if (row.value === null) continue;
    const seen = byValue.get(row.value);
    if (!seen) byValue.set(row.value, { value: row.value, count: row.count, lastAt: row.lastAt });
    else {
      seen.count += row.count;
      if (row.lastAt > seen.lastAt) seen.lastAt = row.lastAt;
    }
  }
  return [...byValue.values()].sort((a, b) => b.count - a.count || b.lastAt.getTime() - a.lastAt.getTime() || a.value.localeCompare(b.value));
}

type TExampleRow = { ord: number; count: number; account: string | null; host: string | null; at: Date | null; message: string | null };

async function successfulLogins(client: TRawSql, questions: readonly TQuestionOf<"ip_successful_logins">[]): Promise<TAnswerOf<"ip_successful_logins">[]> {
  const rows = await client.$queryRawUnsafe<TExampleRow[]>(
    `WITH q AS (
       SELECT u.ord::int AS ord, u.key, u.since AT TIME ZONE 'UTC' AS since, u.until AT TIME ZONE 'UTC' AS until, u.lim
       FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::int[]) WITH ORDINALITY AS u(key, since, until, lim, ord))
     SELECT q.ord, c.count, x."account", x."host", x."occurredAt" AS "at", x."message"
     FROM q
     CROSS JOIN LATERAL (SELECT count(*)::int AS count FROM "ContextEvent" e WHERE ${IP_SUCCESS}) c
     LEFT JOIN LATERAL (
       SELECT e."id", e."account", e."host", e."occurredAt", e."message" FROM "ContextEvent" e WHERE ${IP_SUCCESS}
       ORDER BY e."occurredAt" DESC, e."id" DESC LIMIT q.lim) x ON true
     ORDER BY q.ord, x."occurredAt" DESC, x."id" DESC`,
    ...windowParams(questions, (q) => q.ip),
    questions.map((q) => q.exampleLimit),
  );
  return rowsByQuestion(rows, questions.length).map((own) => ({
    kind: "ip_successful_logins",
    count: totalsOf(own).count,
    examples: own.flatMap((r) => (r.at === null || r.message === null ? [] : [{ account: r.account, host: r.host, at: r.at, message: r.message }])),
  }));
}

type TFailedRow = { ord: number; count: number; distinctAccounts: number; firstAt: Date | null; lastAt: Date | null; account: string | null };

async function failedLogins(client: TRawSql, questions: readonly TQuestionOf<"ip_failed_logins">[]): Promise<TAnswerOf<"ip_failed_logins">[]> {
  const rows = await client.$queryRawUnsafe<TFailedRow[]>(
    `WITH ${QUESTIONS}
     SELECT q.ord, t.count, t."distinctAccounts", t."firstAt", t."lastAt", a."account"
     FROM q
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS count, count(DISTINCT e."account")::int AS "distinctAccounts",
              min(e."occurredAt") AS "firstAt", max(e."occurredAt") AS "lastAt"
       FROM "ContextEvent" e WHERE ${IP_FAILURE}) t
     LEFT JOIN LATERAL (
       SELECT e."account", count(*) AS tries FROM "ContextEvent" e WHERE ${IP_FAILURE} AND e."account" IS NOT NULL
       GROUP BY e."account" ORDER BY count(*) DESC, e."account" ASC LIMIT $4::int) a ON true
     ORDER BY q.ord, a.tries DESC, a."account" ASC`,
    ...windowParams(questions, (q) => q.ip),
    MAX_EXAMPLES,
  );
  return rowsByQuestion(rows, questions.length).map((own) => {
    const { count, distinctAccounts, firstAt, lastAt } = totalsOf(own);
    return { kind: "ip_failed_logins", count, distinctAccounts, topAccounts: own.flatMap((r) => (r.account === null ? [] : [r.account])), firstAt, lastAt };
  });
}

/** A pair of values (host and account, or host and IP) with its events: one row of a tally statement. */
type TPairRow = { ord: number; pairs: number | null; a: string | null; b: string | null; lastAt: Date | null };

/** The first MAX_TALLY pairs as two tallies; MAX_TALLY + 1 were asked for to know whether there were more. */
function pairTallies(own: readonly TPairRow[]) {
  const pairs = own.flatMap((r) => (r.pairs === null || r.lastAt === null ? [] : [{ a: r.a, b: r.b, count: r.pairs, lastAt: r.lastAt }]));
  const kept = pairs.slice(0, MAX_TALLY);
  return {
    a: tallies(kept.map((p) => ({ value: p.a, count: p.count, lastAt: p.lastAt }))),
    b: tallies(kept.map((p) => ({ value: p.b, count: p.count, lastAt: p.lastAt }))),
    truncated: pairs.length > MAX_TALLY,
  };
}

async function ipSessions(client: TRawSql, questions: readonly TQuestionOf<"ip_sessions">[]): Promise<TAnswerOf<"ip_sessions">[]> {
  // No count is asked, so a question without sessions has no rows at all.
  const rows = await client.$queryRawUnsafe<TPairRow[]>(
    `WITH ${QUESTIONS}
     SELECT q.ord, p.pairs, p.a, p.b, p."lastAt"
     FROM q
     CROSS JOIN LATERAL (
       SELECT e."host" AS a, e."account" AS b, count(*)::int AS pairs, max(e."occurredAt") AS "lastAt"
       FROM "ContextEvent" e WHERE ${IP_SUCCESS}
       GROUP BY e."host", e."account" ORDER BY count(*) DESC, e."host" ASC, e."account" ASC LIMIT $4::int) p
     ORDER BY q.ord, p.pairs DESC, p.a ASC, p.b ASC`,
    ...windowParams(questions, (q) => q.ip),
    MAX_TALLY + 1,
  );
  return rowsByQuestion(rows, questions.length).map((own) => {
    const { a, b, truncated } = pairTallies(own);
    return { kind: "ip_sessions", hosts: a, accounts: b, truncated };
  });
}

async function accountLogins(client: TRawSql, questions: readonly TQuestionOf<"account_logins">[]): Promise<TAnswerOf<"account_logins">[]> {
  const rows = await client.$queryRawUnsafe<(TPairRow & { count: number })[]>(
    `WITH ${QUESTIONS}
     SELECT q.ord, c.count, p.pairs, p.a, p.b, p."lastAt"
     FROM q
     CROSS JOIN LATERAL (SELECT count(*)::int AS count FROM "ContextEvent" e WHERE ${ACCOUNT_SUCCESS}) c
     LEFT JOIN LATERAL (
       SELECT e."host" AS a, e."sourceIp" AS b, count(*)::int AS pairs, max(e."occurredAt") AS "lastAt"
       FROM "ContextEvent" e WHERE ${ACCOUNT_SUCCESS}
       GROUP BY e."host", e."sourceIp" ORDER BY count(*) DESC, e."host" ASC, e."sourceIp" ASC LIMIT $4::int) p ON true
     ORDER BY q.ord, p.pairs DESC, p.a ASC, p.b ASC`,
    ...windowParams(questions, (q) => q.account),
    MAX_TALLY + 1,
  );
  return rowsByQuestion(rows, questions.length).map((own) => {
    const { a, b, truncated } = pairTallies(own);
    return { kind: "account_logins", count: totalsOf(own).count, hosts: a, sourceIps: b, truncated };
  });
}

type TAccountRow = { ord: number; count: number; account: string | null; logins: number | null; lastAt: Date | null };

async function hostAccounts(client: TRawSql, questions: readonly TQuestionOf<"host_accounts">[]): Promise<TAnswerOf<"host_accounts">[]> {
  const rows = await client.$queryRawUnsafe<TAccountRow[]>(
    `WITH ${QUESTIONS}
     SELECT q.ord, c.count, a."account", a.logins, a."lastAt"
     FROM q
     CROSS JOIN LATERAL (SELECT count(*)::int AS count FROM "ContextEvent" e WHERE ${HOST_SUCCESS}) c
     LEFT JOIN LATERAL (
       SELECT e."account", count(*)::int AS logins, max(e."occurredAt") AS "lastAt"
       FROM "ContextEvent" e WHERE ${HOST_SUCCESS} AND e."account" IS NOT NULL
       GROUP BY e."account" ORDER BY count(*) DESC, e."account" ASC LIMIT $4::int) a ON true
     ORDER BY q.ord, a.logins DESC, a."account" ASC`,
    ...windowParams(questions, (q) => q.host),
    MAX_TALLY + 1,
  );
  return rowsByQuestion(rows, questions.length).map((own) => {
    const accounts = own.flatMap((r) => (r.logins === null || r.lastAt === null ? [] : [{ value: r.account, count: r.logins, lastAt: r.lastAt }]));
    return { kind: "host_accounts", count: totalsOf(own).count, accounts: tallies(accounts.slice(0, MAX_TALLY)), truncated: accounts.length > MAX_TALLY };
  });
}

/** For each kind, the function answering all its questions in one statement, answers in question order. */
export const ANSWER_ALL: { [K in TContextQuestionKind]: (client: TRawSql, questions: readonly TQuestionOf<K>[]) => Promise<TAnswerOf<K>[]> } = {
  ip_successful_logins: successfulLogins,
  ip_failed_logins: failedLogins,
  ip_sessions: ipSessions,
  account_logins: accountLogins,
  host_accounts: hostAccounts,
};
