// The questions a playbook may ask the context store, and the answers it gets back.
// A small closed union: each question is one indexed query on ContextEvent (see
// lib/server/context/context-store.ts), and every window is in EVENT time — [since, until]
// both inclusive, computed from the alert's occurredAt, never from the wall clock — so a
// backtest replaying last month's alerts asks exactly what live traffic asked.
//
// Schemas rather than bare types so that questions and answers stored as JSON (audit
// data, backtest fixtures) parse back with their dates.
import { z } from "zod";

/** Most example logins one answer carries. */
export const MAX_EXAMPLES = 10;
/** Most rows a tally (hosts, accounts, IPs) carries; `truncated` says when there were more. */
export const MAX_TALLY = 200;

const window = { since: z.coerce.date(), until: z.coerce.date() };
const id = z.string().min(1);

export const ZContextQuestion = z.discriminatedUnion("kind", [
  /** Successful logins from an IP: count, and the most recent few as examples. */
  z.object({ id, kind: z.literal("ip_successful_logins"), ip: z.string(), ...window, exampleLimit: z.number().int().min(0).max(MAX_EXAMPLES) }),
  /** Failed logins from an IP: count, distinct accounts tried, the most tried ones. */
  z.object({ id, kind: z.literal("ip_failed_logins"), ip: z.string(), ...window }),
  /** The hosts and accounts an IP had successful sessions with. */
  z.object({ id, kind: z.literal("ip_sessions"), ip: z.string(), ...window }),
  /** The hosts an account logged on to, and the IPs it came from. */
  z.object({ id, kind: z.literal("account_logins"), account: z.string(), ...window }),
  /** The accounts that logged on to a host. */
  z.object({ id, kind: z.literal("host_accounts"), host: z.string(), ...window }),
]);
export type TContextQuestion = z.output<typeof ZContextQuestion>;
export type TContextQuestionKind = TContextQuestion["kind"];

/** One value (host, account, IP) with how many events named it and the newest of them. */
export const ZTally = z.object({ value: z.string(), count: z.number().int(), lastAt: z.coerce.date() });
export type TTally = z.output<typeof ZTally>;

export const ZLoginExample = z.object({
  account: z.string().nullable(),
  host: z.string().nullable(),
  at: z.coerce.date(),
  message: z.string(),
});
export type TLoginExample = z.output<typeof ZLoginExample>;

export const ZContextAnswer = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ip_successful_logins"), count: z.number().int(), examples: z.array(ZLoginExample) }),
  z.object({
    kind: z.literal("ip_failed_logins"),
    count: z.number().int(),
    distinctAccounts: z.number().int(),
    /** Most tried first, at most MAX_EXAMPLES. */
    topAccounts: z.array(z.string()),
    firstAt: z.coerce.date().nullable(),
    lastAt: z.coerce.date().nullable(),
  }),
  z.object({ kind: z.literal("ip_sessions"), hosts: z.array(ZTally), accounts: z.array(ZTally), truncated: z.boolean() }),
  z.object({
    kind: z.literal("account_logins"),
    count: z.number().int(),
    hosts: z.array(ZTally),
    sourceIps: z.array(ZTally),
    truncated: z.boolean(),
  }),
  z.object({ kind: z.literal("host_accounts"), count: z.number().int(), accounts: z.array(ZTally), truncated: z.boolean() }),
]);
export type TContextAnswer = z.output<typeof ZContextAnswer>;

/** Answers keyed by question id. */
export const ZContextAnswers = z.record(z.string(), ZContextAnswer);
export type TContextAnswers = z.output<typeof ZContextAnswers>;

export type TQuestionOf<K extends TContextQuestionKind> = Extract<TContextQuestion, { kind: K }>;
export type TAnswerOf<K extends TContextQuestionKind> = Extract<TContextAnswer, { kind: K }>;

/** The answer to `question`, or null when the store gave none of the right kind. */
export function answerFor<Q extends TContextQuestion>(answers: TContextAnswers, question: Q): TAnswerOf<Q["kind"]> | null {
  const answer = answers[question.id];
  return answer !== undefined && answer.kind === question.kind ? (answer as TAnswerOf<Q["kind"]>) : null;
}

/** The window that ends at `until` and lasts `seconds`. */
export function windowEndingAt(until: Date, seconds: number): { since: Date; until: Date } {
  return { since: new Date(until.getTime() - seconds * 1000), until };
}
