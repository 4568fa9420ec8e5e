import "server-only";
import type { TDb, TTx } from "@/lib/db/client";
import type { TRawSql } from "@/lib/db/raw-sql";
import type { TContextEvent } from "@/lib/ingest/context-event";
import type { TContextAnswer, TContextAnswers, TContextQuestion, TContextQuestionKind, TQuestionOf } from "@/lib/playbooks/context-questions";
import { ANSWER_ALL } from "./context-queries";

// Reflex's own context store: the ContextEvent table. Questions are answered over their
// event-time window, both ends inclusive, by one statement per kind of question however
// many alerts asked (context-queries.ts). Any failure throws: the pipeline turns it into
// "context unavailable" and the policy's fail mode decides. Pass the transaction's client
// when inside one (PGlite runs one session at a time, so a second connection would wait
// for the transaction forever).

function isOfKind<K extends TContextQuestionKind>(question: TContextQuestion, kind: K): question is TQuestionOf<K> {
  return question.kind === kind;
}

/** Answers every question of `kind` in all sets with one statement, at its place in `into` (set, then question). */
async function answerKind<K extends TContextQuestionKind>(client: TRawSql, kind: K, sets: readonly (readonly TContextQuestion[])[], into: TContextAnswer[][]) {
  const asked = sets.flatMap((set, s) => set.flatMap((question, q) => (isOfKind(question, kind) ? [{ s, q, question }] : [])));
  const answers = await ANSWER_ALL[kind](client, asked.map((a) => a.question));
  if (answers.length !== asked.length) throw new Error(`context store gave ${answers.length} answers to ${asked.length} ${kind} questions`);
  asked.forEach(({ s, q }, i) => {
    into[s]![q] = answers[i]!;
  });
}

/**
 * For each set of questions (one alert's), its answers keyed by question id, in the same
 * order: one statement per kind of question present, whatever the number of sets. They are
 * sent together: on a pool they run side by side on connections of their own, and on one
 * connection (a transaction) the driver sends each as soon as the previous one is answered.
 */
export async function answerQuestionSets(client: TRawSql, sets: readonly (readonly TContextQuestion[])[]): Promise<TContextAnswers[]> {
  for (const set of sets) {
    const ids = new Set<string>();
    for (const { id } of set) {
      if (ids.has(id)) throw new Error(`two context questions share the id "${id}"`);
      ids.add(id);
    }
  }
  const answered: TContextAnswer[][] = sets.map(() => []);
  await Promise.all([...new Set(sets.flat().map((q) => q.kind))].map((kind) => answerKind(client, kind, sets, answered)));
  return sets.map((set, s) => {
    const answers: TContextAnswers = {};
    set.forEach((question, q) => {
      answers[question.id] = answered[s]![q]!;
    });
    return answers;
  });
}

/** Rows per INSERT: 6 parameters each, far below PostgreSQL's 65,535 per statement. */
export const INSERT_CHUNK = 1000;

/** The process-wide client (it can open a transaction); a transaction client cannot. */
function canOpenTransaction(client: TDb | TTx): client is TDb {
  return "$transaction" in client;
}

/**
 * Stores events all-or-nothing: inside the caller's transaction when given one, else in a
 * transaction of its own, so a failed upload never leaves half its events behind.
 */
export async function insertContextEvents(client: TDb | TTx, events: readonly TContextEvent[]): Promise<number> {
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
