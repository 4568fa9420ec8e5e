import "server-only";
import type { TDb, TTx } from "@/lib/db/client";
import type { TContextEvent } from "@/lib/ingest/context-event";
import {
  MAX_TALLY,
  type TAnswerOf,
  type TContextAnswer,
  type TContextAnswers,
  type TContextQuestion,
  type TQuestionOf,
  type TTally,
} from "@/lib/playbooks/context-questions";
import { answerFailedLogins } from "./failed-logins";

// Reflex's own context store: the ContextEvent table. Each question is answered by queries
// on one of its indexes — [sourceIp, kind, occurredAt], [account, kind, occurredAt],
// [host, occurredAt] — over the question's event-time window, both ends inclusive. Any
// failure throws: the pipeline turns it into "context unavailable" and the policy's fail
// mode decides. Pass the transaction's client when inside one (PGlite runs one session at
// a time, so a second connection would wait for the transaction forever).

type TClient = TDb | TTx;

const range = (q: { since: Date; until: Date }) => ({ gte: q.since, lte: q.until });

/** Group rows as tallies, most events first, then newest. */
function tallies(rows: { value: string | null; count: number; lastAt: Date | null }[]): TTally[] {
  const byValue = new Map<string, TTally>();
  for (const row of rows) {
    if (row.value === null || row.lastAt === null) continue;
    const seen = byValue.get(row.value);
    if (!seen) byValue.set(row.value, { value: row.value, count: row.count, lastAt: row.lastAt });
    else {
      seen.count += row.count;
      if (row.lastAt > seen.lastAt) seen.lastAt = row.lastAt;
    }
  }
  return [...byValue.values()].sort((a, b) => b.count - a.count || b.lastAt.getTime() - a.lastAt.getTime() || a.value.localeCompare(b.value));
}

async function successfulLogins(client: TClient, q: TQuestionOf<"ip_successful_logins">): Promise<TAnswerOf<"ip_successful_logins">> {
  const where = { sourceIp: q.ip, kind: "auth_success", occurredAt: range(q) };
  const count = await client.contextEvent.count({ where });
  const rows =
    count === 0 || q.exampleLimit === 0
      ? []
      : await client.contextEvent.findMany({
          where,
          orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
          take: q.exampleLimit,
          select: { account: true, host: true, occurredAt: true, message: true },
        });
  return { kind: "ip_successful_logins", count, examples: rows.map((r) => ({ account: r.account, host: r.host, at: r.occurredAt, message: r.message })) };
}

async function ipSessions(client: TClient, q: TQuestionOf<"ip_sessions">): Promise<TAnswerOf<"ip_sessions">> {
  const pairs = await client.contextEvent.groupBy({
    by: ["host", "account"],
    where: { sourceIp: q.ip, kind: "auth_success", occurredAt: range(q) },
    _count: { _all: true },
    _max: { occurredAt: true },
    orderBy: [{ _count: { id: "desc" } }, { host: "asc" }, { account: "asc" }],
    take: MAX_TALLY + 1,
  });
  const kept = pairs.slice(0, MAX_TALLY);
  return {
    kind: "ip_sessions",
    hosts: tallies(kept.map((p) => ({ value: p.host, count: p._count._all, lastAt: p._max.occurredAt }))),
    accounts: tallies(kept.map((p) => ({ value: p.account, count: p._count._all, lastAt: p._max.occurredAt }))),
    truncated: pairs.length > MAX_TALLY,
  };
}

async function accountLogins(client: TClient, q: TQuestionOf<"account_logins">): Promise<TAnswerOf<"account_logins">> {
  const where = { account: q.account, kind: "auth_success", occurredAt: range(q) };
  const count = await client.contextEvent.count({ where });
  const pairs =
    count === 0
      ? []
      : await client.contextEvent.groupBy({
          by: ["host", "sourceIp"],
          where,
          _count: { _all: true },
          _max: { occurredAt: true },
          orderBy: [{ _count: { id: "desc" } }, { host: "asc" }, { sourceIp: "asc" }],
          take: MAX_TALLY + 1,
        });
  const kept = pairs.slice(0, MAX_TALLY);
  return {
    kind: "account_logins",
    count,
    hosts: tallies(kept.map((p) => ({ value: p.host, count: p._count._all, lastAt: p._max.occurredAt }))),
    sourceIps: tallies(kept.map((p) => ({ value: p.sourceIp, count: p._count._all, lastAt: p._max.occurredAt }))),
    truncated: pairs.length > MAX_TALLY,
  };
}

async function hostAccounts(client: TClient, q: TQuestionOf<"host_accounts">): Promise<TAnswerOf<"host_accounts">> {
  // The [host, occurredAt] index bounds the scan; the kind and account filters apply within it.
  const where = { host: q.host, occurredAt: range(q), kind: "auth_success" };
  const count = await client.contextEvent.count({ where });
  const rows =
    count === 0
      ? []
      : await client.contextEvent.groupBy({
          by: ["account"],
          where: { ...where, account: { not: null } },
          _count: { _all: true },
          _max: { occurredAt: true },
          orderBy: [{ _count: { id: "desc" } }, { account: "asc" }],
          take: MAX_TALLY + 1,
        });
  return {
    kind: "host_accounts",
    count,
    accounts: tallies(rows.slice(0, MAX_TALLY).map((r) => ({ value: r.account, count: r._count._all, lastAt: r._max.occurredAt }))),
    truncated: rows.length > MAX_TALLY,
  };
}

function answerOne(client: TClient, question: TContextQuestion): Promise<TContextAnswer> {
  switch (question.kind) {
    case "ip_successful_logins":
      return successfulLogins(client, question);
    case "ip_failed_logins":
      return answerFailedLogins(client, question);
    case "ip_sessions":
      return ipSessions(client, question);
    case "account_logins":
      return accountLogins(client, question);
    case "host_accounts":
      return hostAccounts(client, question);
    default: {
      const unknown: never = question;
      throw new Error(`unknown context question ${JSON.stringify(unknown)}`);
    }
  }
}

/** Answers keyed by question id. One after another: a transaction client runs one query at a time anyway. */
export async function answerQuestions(client: TClient, questions: readonly TContextQuestion[]): Promise<TContextAnswers> {
  const answers: TContextAnswers = {};
  for (const question of questions) {
    if (Object.hasOwn(answers, question.id)) throw new Error(`two context questions share the id "${question.id}"`);
    answers[question.id] = await answerOne(client, question);
  }
  return answers;
}

/** Rows per INSERT: 6 parameters each, far below PostgreSQL's 65,535 per statement. */
export const INSERT_CHUNK = 1000;

/** The process-wide client (it can open a transaction); a transaction client cannot. */
function canOpenTransaction(client: TClient): client is TDb {
  return "$transaction" in client;
}

/**
 * Stores events all-or-nothing: inside the caller's transaction when given one, else in a
 * transaction of its own, so a failed upload never leaves half its events behind.
 */
export async function insertContextEvents(client: TClient, events: readonly TContextEvent[]): Promise<number> {
  const chunks: TContextEvent[][] = [];
  for (let i = 0; i < events.length; i += INSERT_CHUNK) chunks.push(events.slice(i, i + INSERT_CHUNK));
  const data = (chunk: TContextEvent[]) =>
    chunk.map((e) => ({ occurredAt: e.occurredAt, kind: e.kind, sourceIp: e.sourceIp, account: e.account, host: e.host, program: e.program, message: e.message }));
  if (chunks.length === 0) return 0;
  if (canOpenTransaction(client)) {
    const results = await client.$transaction(chunks.map((chunk) => client.contextEvent.createMany({ data: data(chunk) })));
    return results.reduce((sum, r) => sum + r.count, 0);
  }
  let inserted = 0;
  for (const chunk of chunks) inserted += (await client.contextEvent.createMany({ data: data(chunk) })).count;
  return inserted;
}
