import { beforeAll, describe, expect, it } from "vitest";
import { db, type TDb } from "@/lib/db/client";
import type { TContextEvent, TContextEventKind } from "@/lib/ingest/context-event";
import { MAX_EXAMPLES, MAX_TALLY, type TContextAnswer, type TContextAnswers, type TContextQuestion, type TTally } from "@/lib/playbooks/context-questions";
import { answerQuestions } from "@/tests/helpers/context";
import { answerQuestionSets, insertContextEvents } from "./context-store";

// A varied ContextEvent table (random traffic on a 15-minute grid, so times tie; nulls;
// events on and just off window ends; an IP, a host and an account with more than
// MAX_TALLY distinct partners), and many sets of questions answered in one batch. The
// expected answers come from a plain reading of each question over the seeded events,
// written here without the store's code.

const T0 = Date.UTC(2024, 2, 1, 12);
const MINUTE = 60_000;
const at = (minutes: number, ms = 0) => new Date(T0 + minutes * MINUTE + ms);

/** Deterministic pseudo-random numbers (mulberry32), so a failure replays. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

const IPS = ["198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4", "198.51.100.5"];
const ACCOUNTS = ["alice", "bob", "carol", "dave", "erin"];
const HOSTS = ["web01", "web02", "db01"];
const BIG_IP = "203.0.113.9";
const BIG_HOST = "bastion";
const BIG_ACCOUNT = "svc";
/** An IP and a host with exactly MAX_TALLY partners: the most a tally holds untruncated. */
const FULL_IP = "203.0.113.10";
const FULL_HOST = "edge";
const ANCHOR_IP = "192.0.2.50";

function seedEvents(): TContextEvent[] {
  const rnd = random(7);
  const events: Omit<TContextEvent, "message" | "program">[] = [];
  const kinds: TContextEventKind[] = ["auth_success", "auth_success", "auth_success", "auth_failure", "auth_failure", "invalid_user", "disconnect"];
  for (let i = 0; i < 700; i++) {
    const minutes = 15 * Math.floor(rnd.next() * 33 - 16);
    events.push({
      occurredAt: at(minutes, rnd.next() < 0.2 ? Math.floor(rnd.next() * 15 * MINUTE) : 0),
      kind: rnd.pick(kinds),
      sourceIp: rnd.pick([...IPS, null]),
      account: rnd.pick([...ACCOUNTS, null]),
      host: rnd.pick([...HOSTS, null]),
    });
  }
  // One IP onto one host with 240 accounts (five of them thrice), and failures that tie on count.
  for (let i = 0; i < 240; i++) {
    const account = `acct${String(i).padStart(3, "0")}`;
    for (let n = 0; n < (i < 5 ? 3 : 1); n++) events.push({ occurredAt: at(-(i % 7) - n), kind: "auth_success", sourceIp: BIG_IP, account, host: BIG_HOST });
    for (let n = 0; n < (i >= 10 && i < 25 ? 3 : 1); n++) events.push({ occurredAt: at(-30, n), kind: "auth_failure", sourceIp: BIG_IP, account, host: BIG_HOST });
  }
  events.push({ occurredAt: at(-3), kind: "auth_success", sourceIp: BIG_IP, account: null, host: null });
  for (let i = 0; i < MAX_TALLY; i++) {
    events.push({ occurredAt: at(-(i % 5)), kind: "auth_success", sourceIp: FULL_IP, account: `user${String(i).padStart(3, "0")}`, host: FULL_HOST });
  }
  // One account from 210 addresses on two hosts.
  for (let i = 0; i < 210; i++) {
    const ip = `10.0.${100 + Math.floor(i / 100)}.${100 + (i % 100)}`;
    events.push({ occurredAt: at(-(i % 11)), kind: "auth_success", sourceIp: ip, account: BIG_ACCOUNT, host: i % 2 === 0 ? "web01" : "web02" });
  }
  // Hand-checked events around the window [T0 − 1 h, T0 + 1 h].
  events.push(
    { occurredAt: at(-60, -1), kind: "auth_success", sourceIp: ANCHOR_IP, account: "zed", host: "lab" },
    { occurredAt: at(-60), kind: "auth_success", sourceIp: ANCHOR_IP, account: "zed", host: "lab" },
    { occurredAt: at(0), kind: "auth_success", sourceIp: ANCHOR_IP, account: "amy", host: "lab" },
    { occurredAt: at(0), kind: "auth_success", sourceIp: ANCHOR_IP, account: "ben", host: "lab" },
    { occurredAt: at(60), kind: "auth_success", sourceIp: ANCHOR_IP, account: "zed", host: null },
    { occurredAt: at(60, 1), kind: "auth_success", sourceIp: ANCHOR_IP, account: "zed", host: "lab" },
    { occurredAt: at(0), kind: "auth_failure", sourceIp: ANCHOR_IP, account: null, host: "lab" },
  );
  return events.map((e, i) => ({ ...e, program: "sshd", message: `event ${i}` }));
}

type TStored = TContextEvent & { id: bigint };
let stored: TStored[] = [];

beforeAll(async () => {
  const events = seedEvents();
  expect(await insertContextEvents(db(), events)).toBe(events.length);
  const ids = new Map((await db().contextEvent.findMany({ select: { id: true, message: true } })).map((r) => [r.message, r.id]));
  stored = events.map((e) => ({ ...e, id: ids.get(e.message)! }));
});

// ——— The expected answers, read straight off the seeded events ———

/** SQL's ascending order on these ASCII values: NULLs last. */
const ascending = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

type TGroup = { a: string | null; b: string | null; count: number; lastAt: Date };

/** Events grouped by (a, b): most events first, then a, then b. */
function groups(events: readonly TStored[], a: (e: TStored) => string | null, b: (e: TStored) => string | null): TGroup[] {
  const byPair = new Map<string, TGroup>();
  for (const e of events) {
    const key = JSON.stringify([a(e), b(e)]);
    const group = byPair.get(key);
    if (!group) byPair.set(key, { a: a(e), b: b(e), count: 1, lastAt: e.occurredAt });
    else {
      group.count += 1;
      if (e.occurredAt > group.lastAt) group.lastAt = e.occurredAt;
    }
  }
  return [...byPair.values()].sort((x, y) => y.count - x.count || ascending(x.a, y.a) || ascending(x.b, y.b));
}

/** The groups' a or b values: events summed per value, most first, then newest, then by value. */
function tally(kept: readonly TGroup[], side: "a" | "b"): TTally[] {
  const byValue = new Map<string, TTally>();
  for (const group of kept) {
    const value = group[side];
    if (value === null) continue;
    const seen = byValue.get(value) ?? { value, count: 0, lastAt: group.lastAt };
    seen.count += group.count;
    if (group.lastAt > seen.lastAt) seen.lastAt = group.lastAt;
    byValue.set(value, seen);
  }
  return [...byValue.values()].sort((x, y) => y.count - x.count || y.lastAt.getTime() - x.lastAt.getTime() || ascending(x.value, y.value));
}

function expected(q: TContextQuestion): TContextAnswer {
  const events = stored.filter((e) => e.occurredAt >= q.since && e.occurredAt <= q.until);
  const success = events.filter((e) => e.kind === "auth_success");
  switch (q.kind) {
    case "ip_successful_logins": {
      const mine = success.filter((e) => e.sourceIp === q.ip);
      const newest = [...mine].sort((x, y) => y.occurredAt.getTime() - x.occurredAt.getTime() || (y.id > x.id ? 1 : -1));
      const examples = newest.slice(0, q.exampleLimit).map((e) => ({ account: e.account, host: e.host, at: e.occurredAt, message: e.message }));
      return { kind: q.kind, count: mine.length, examples };
    }
    case "ip_failed_logins": {
      const mine = events.filter((e) => e.kind === "auth_failure" && e.sourceIp === q.ip);
      const times = mine.map((e) => e.occurredAt.getTime());
      const tried = groups(mine.filter((e) => e.account !== null), (e) => e.account, () => null);
      return {
        kind: q.kind,
        count: mine.length,
        distinctAccounts: tried.length,
        topAccounts: tried.slice(0, MAX_EXAMPLES).map((g) => g.a!),
        firstAt: mine.length ? new Date(Math.min(...times)) : null,
        lastAt: mine.length ? new Date(Math.max(...times)) : null,
      };
    }
    case "ip_sessions": {
      const pairs = groups(success.filter((e) => e.sourceIp === q.ip), (e) => e.host, (e) => e.account);
      const kept = pairs.slice(0, MAX_TALLY);
      return { kind: q.kind, hosts: tally(kept, "a"), accounts: tally(kept, "b"), truncated: pairs.length > MAX_TALLY };
    }
    case "account_logins": {
      const mine = success.filter((e) => e.account === q.account);
      const pairs = groups(mine, (e) => e.host, (e) => e.sourceIp);
      const kept = pairs.slice(0, MAX_TALLY);
      return { kind: q.kind, count: mine.length, hosts: tally(kept, "a"), sourceIps: tally(kept, "b"), truncated: pairs.length > MAX_TALLY };
    }
    case "host_accounts": {
      const mine = success.filter((e) => e.host === q.host);
      const accounts = groups(mine.filter((e) => e.account !== null), (e) => e.account, () => null);
      return { kind: q.kind, count: mine.length, accounts: tally(accounts.slice(0, MAX_TALLY), "a"), truncated: accounts.length > MAX_TALLY };
    }
  }
}

const expectedSet = (set: readonly TContextQuestion[]): TContextAnswers => Object.fromEntries(set.map((q) => [q.id, expected(q)]));

// ——— The questions ———

const WINDOWS = [
  { since: at(-300), until: at(300) },
  { since: at(-60), until: at(60) }, // both ends on events
  { since: at(-60, 1), until: at(60, -1) }, // one millisecond inside each end
  { since: at(0), until: at(0) },
  { since: at(-240), until: at(-120) },
  { since: at(600), until: at(720) }, // nothing
];
const EXACT = WINDOWS[1]!;

function question(rnd: ReturnType<typeof random>, id: string): TContextQuestion {
  const window = rnd.pick(WINDOWS);
  const ip = rnd.pick([...IPS, BIG_IP, FULL_IP, ANCHOR_IP, "192.0.2.250"]);
  switch (rnd.pick(["ip_successful_logins", "ip_failed_logins", "ip_sessions", "account_logins", "host_accounts"] as const)) {
    case "ip_successful_logins":
      return { id, kind: "ip_successful_logins", ip, ...window, exampleLimit: rnd.pick([0, 1, 3, MAX_EXAMPLES]) };
    case "ip_failed_logins":
      return { id, kind: "ip_failed_logins", ip, ...window };
    case "ip_sessions":
      return { id, kind: "ip_sessions", ip, ...window };
    case "account_logins":
      return { id, kind: "account_logins", account: rnd.pick([...ACCOUNTS, BIG_ACCOUNT, "zed", "nobody"]), ...window };
    case "host_accounts":
      return { id, kind: "host_accounts", host: rnd.pick([...HOSTS, BIG_HOST, FULL_HOST, "lab", "nohost"]), ...window };
  }
}

/** 150 sets: empty ones, sets of one, up to eight questions, questions repeated across sets. */
function questionSets(): TContextQuestion[][] {
  const rnd = random(11);
  const sets: TContextQuestion[][] = [[], [{ id: "only", kind: "ip_failed_logins", ip: BIG_IP, ...WINDOWS[0]! }]];
  while (sets.length < 150) {
    const set: TContextQuestion[] = [];
    const size = rnd.pick([0, 1, 1, 2, 3, 5, 8]);
    for (let j = 0; j < size; j++) {
      const earlier = rnd.pick(sets).find((q) => !set.some((mine) => mine.id === q.id));
      if (earlier && rnd.next() < 0.25) set.push(earlier);
      else if (earlier && rnd.next() < 0.1) set.push({ ...earlier, id: `copy-${j}` });
      else set.push(question(rnd, `${sets.length}.${j}`));
    }
    sets.push(set);
  }
  return sets;
}

/** Counts the calls made through a client, raw or through a model: each is one statement here. */
function countingClient(client: TDb): { client: TDb; calls: () => number } {
  let calls = 0;
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, prop) {
        const value: unknown = Reflect.get(t, prop);
        if (typeof value === "function")
          return (...args: unknown[]) => {
            calls += 1;
            return (value as (...a: unknown[]) => unknown).apply(t, args);
          };
        return value !== null && typeof value === "object" ? wrap(value) : value;
      },
    });
  return { client: wrap(client), calls: () => calls };
}

describe("answerQuestionSets", () => {
  it("answers each hand-checked case as read off the events", async () => {
    const [anchor] = await answerQuestionSets(db(), [
      [
        { id: "logins", kind: "ip_successful_logins", ip: ANCHOR_IP, ...EXACT, exampleLimit: MAX_EXAMPLES },
        { id: "sessions", kind: "ip_sessions", ip: ANCHOR_IP, ...EXACT },
        { id: "failed", kind: "ip_failed_logins", ip: ANCHOR_IP, ...EXACT },
        { id: "big", kind: "ip_sessions", ip: BIG_IP, ...WINDOWS[0]! },
      ],
    ]);
    const example = (minutes: number, account: string, host: string | null, n: number) => ({ account, host, at: at(minutes), message: `event ${n}` });
    const last = stored.length - 1;
    expect(anchor?.logins).toEqual({
      kind: "ip_successful_logins",
      count: 4, // both ends in, one millisecond outside either end out
      // The two logins at T0 newest-inserted first.
      examples: [example(60, "zed", null, last - 2), example(0, "ben", "lab", last - 3), example(0, "amy", "lab", last - 4), example(-60, "zed", "lab", last - 5)],
    });
    expect(anchor?.sessions).toEqual({
      kind: "ip_sessions",
      hosts: [{ value: "lab", count: 3, lastAt: at(0) }],
      accounts: [
        { value: "zed", count: 2, lastAt: at(60) },
        { value: "amy", count: 1, lastAt: at(0) },
        { value: "ben", count: 1, lastAt: at(0) },
      ],
      truncated: false,
    });
    expect(anchor?.failed).toEqual({ kind: "ip_failed_logins", count: 1, distinctAccounts: 0, topAccounts: [], firstAt: at(0), lastAt: at(0) });
    expect(anchor?.big).toMatchObject({ kind: "ip_sessions", truncated: true, hosts: [{ value: BIG_HOST }] });
    if (anchor?.big?.kind !== "ip_sessions") throw new Error("wrong answer kind");
    expect(anchor.big.accounts).toHaveLength(MAX_TALLY);
    expect(anchor.big.accounts.slice(0, 5).map((t) => [t.value, t.count])).toEqual(["acct000", "acct001", "acct002", "acct003", "acct004"].map((a) => [a, 3]));
  });

  it("over 150 mixed sets, gives each set what it would be answered alone, in one statement per kind", async () => {
    const sets = questionSets();
    const kinds = new Set(sets.flat().map((q) => q.kind));
    expect(kinds.size).toBe(5);
    const counting = countingClient(db());
    const batch = await answerQuestionSets(counting.client, sets);
    expect(counting.calls()).toBe(kinds.size);
    expect(batch).toHaveLength(sets.length);
    for (const [i, set] of sets.entries()) {
      const want = expectedSet(set);
      expect(batch[i], `set ${i}`).toEqual(want);
      expect(Object.keys(batch[i]!)).toEqual(set.map((q) => q.id));
      expect(await answerQuestions(db(), set), `set ${i} alone`).toEqual(want);
    }
    // The sets reach every corner the seed was built for.
    const answers = batch.flatMap((b) => Object.values(b));
    expect(answers.some((a) => "truncated" in a && a.truncated)).toBe(true);
    expect(answers.some((a) => a.kind === "ip_failed_logins" && a.topAccounts.length === MAX_EXAMPLES)).toBe(true);
    expect(answers.some((a) => a.kind === "ip_successful_logins" && a.examples.length > 1)).toBe(true);
  });

  it("truncates tallies past MAX_TALLY, and only past it", async () => {
    const wide = WINDOWS[0]!;
    const set: TContextQuestion[] = [
      { id: "sessions", kind: "ip_sessions", ip: BIG_IP, ...wide },
      { id: "failed", kind: "ip_failed_logins", ip: BIG_IP, ...wide },
      { id: "account", kind: "account_logins", account: BIG_ACCOUNT, ...wide },
      { id: "host", kind: "host_accounts", host: BIG_HOST, ...wide },
      { id: "logins", kind: "ip_successful_logins", ip: BIG_IP, ...wide, exampleLimit: MAX_EXAMPLES },
      { id: "fullSessions", kind: "ip_sessions", ip: FULL_IP, ...wide },
      { id: "fullHost", kind: "host_accounts", host: FULL_HOST, ...wide },
    ];
    const [answers] = await answerQuestionSets(db(), [set, [], set]);
    expect(answers).toEqual(expectedSet(set));
    expect(answers).toMatchObject({
      sessions: { truncated: true },
      account: { count: 210, truncated: true },
      host: { count: 250, truncated: true },
      fullSessions: { truncated: false, hosts: [{ value: FULL_HOST, count: MAX_TALLY }] },
      fullHost: { count: MAX_TALLY, truncated: false },
      failed: { count: 240 + 15 * 2, distinctAccounts: 240, topAccounts: Array.from({ length: 10 }, (_, i) => `acct0${10 + i}`) },
    });
  });

  it("counts the same whatever the session's time zone", async () => {
    const sets = questionSets().slice(0, 40);
    const answers = await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL TIME ZONE 'America/St_Johns'`);
      return answerQuestionSets(tx, sets);
    });
    expect(answers).toEqual(sets.map(expectedSet));
  });

  it("asks nothing for no questions, and refuses a set with two questions of one id before asking", async () => {
    const counting = countingClient(db());
    expect(await answerQuestionSets(counting.client, [])).toEqual([]);
    expect(await answerQuestionSets(counting.client, [[], []])).toEqual([{}, {}]);
    const q: TContextQuestion = { id: "dup", kind: "ip_sessions", ip: BIG_IP, ...EXACT };
    await expect(answerQuestionSets(counting.client, [[q], [{ ...q, id: "other" }, q, q]])).rejects.toThrow(/share the id "dup"/);
    expect(counting.calls()).toBe(0);
  });
});
