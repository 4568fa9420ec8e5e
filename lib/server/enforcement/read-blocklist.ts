import "server-only";
import { createHash } from "node:crypto";
import { poolOf, type TDb } from "@/lib/db/client";
import { pgRawSql, type TRawSql } from "@/lib/db/raw-sql";
import { compareText } from "@/lib/domain/compare-text";
import { perimeterTarget, readPerimeterInForce } from "./perimeter";
import { readEnforcementChanges, readHorizon } from "./read-enforcement-changes";

// The External Dynamic List: one address or range a line, the shape Palo Alto EDLs,
// FortiGate threat feeds and pfSense/OPNsense URL table aliases all read. The ETag is a
// hash of the body, so an unchanged list is a 304 for the firewall and for any cache.
//
// Firewalls poll, many of them, often: rebuilding the list from every active containment
// on each poll cost the console more than the alerts did under a flood
// (docs/BENCHMARKS.md). So the process keeps the list and follows the enforcement change
// log from its transaction horizon, as a bouncer's stream does (read-enforcement-changes.ts):
// a poll reads what changed since the last one (usually nothing) and rebuilds the body
// only when an entry came, went, or ran past its expiry.

export type TBlocklist = { body: string; etag: string; count: number };

type TEntry = { value: string; sortKey: string; expiresAtMs: number };

/** One line of the list: a value and the containments (id → expiry) that put it there. */
type TLine = { value: string; sortKey: string; holders: Map<string, number> };

type TListState = {
  cursor: bigint;
  /** containment id → its line's value */
  entries: Map<string, string>;
  byValue: Map<string, TLine>;
  /** Sorted by sortKey, then value (compareLines), kept so as changes come: sorting the whole list on every change cost more than the poll's reads. */
  lines: TLine[];
  built: (TBlocklist & { builtAtMs: number; validUntilMs: number }) | null;
};

type TCache = { state: TListState | null; queue: Promise<unknown> };

const caches = new WeakMap<TDb, TCache>();

async function activeEntries(sql: TRawSql, now: Date, ids?: string[]): Promise<[string, TEntry][]> {
  const rows = await readPerimeterInForce(sql, now, ids ? { where: `"id" = ANY($2::text[])`, values: [ids] } : undefined);
  return rows.flatMap((row) => {
    const target = perimeterTarget(row);
    return target ? [[row.id, { ...target, expiresAtMs: row.expiresAt.getTime() }] as [string, TEntry]] : [];
  });
}

// Lines in sort-key order, then by value: an address and its one-address range
// ("192.0.2.7" and "192.0.2.7/32") share a sort key and are both listed, so the key alone
// would not say which of the two a removal takes out.
function compareLines(a: Pick<TLine, "sortKey" | "value">, b: Pick<TLine, "sortKey" | "value">): number {
  return compareText(a.sortKey, b.sortKey) || compareText(a.value, b.value);
}

/** Where this line is, or would go. */
function position(lines: readonly TLine[], line: Pick<TLine, "sortKey" | "value">): number {
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareLines(lines[middle]!, line) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function add(state: TListState, id: string, entry: TEntry) {
  let line = state.byValue.get(entry.value);
  if (!line) {
    line = { value: entry.value, sortKey: entry.sortKey, holders: new Map() };
    state.byValue.set(entry.value, line);
    state.lines.splice(position(state.lines, line), 0, line);
  }
  line.holders.set(id, entry.expiresAtMs);
  state.entries.set(id, entry.value);
}

function remove(state: TListState, id: string) {
  const value = state.entries.get(id);
  if (value === undefined) return;
  state.entries.delete(id);
  const line = state.byValue.get(value)!;
  line.holders.delete(id);
  if (line.holders.size > 0) return;
  state.byValue.delete(value);
  const at = position(state.lines, line);
  if (state.lines[at] !== line) throw new Error(`blocklist state lost track of ${line.value}`);
  state.lines.splice(at, 1);
}

/** Catches the state up with the change log; the horizon is read first, so nothing is missed. */
async function refresh(sql: TRawSql, state: TListState | null, now: Date): Promise<TListState> {
  if (!state) {
    const cursor = await readHorizon(sql);
    const fresh: TListState = { cursor, entries: new Map(), byValue: new Map(), lines: [], built: null };
    for (const [id, entry] of await activeEntries(sql, now)) add(fresh, id, entry);
    return fresh;
  }
  const { horizon, changes } = await readEnforcementChanges(sql, { cursor: state.cursor });
  if (changes.length > 0) {
    // Whatever the order of adds and removals, the row's state now is the answer.
    const ids = [...new Set(changes.map((c) => c.containmentId))];
    for (const id of ids) remove(state, id);
    for (const [id, entry] of await activeEntries(sql, now, ids)) add(state, id, entry);
    state.built = null;
  }
  state.cursor = horizon;
  return state;
}

/** The list at `now`: a line whose containments have all run past their expiry is left out. */
function build(lines: readonly TLine[], now: Date): NonNullable<TListState["built"]> {
  const nowMs = now.getTime();
  let body = "";
  let count = 0;
  let validUntilMs = Infinity;
  for (const line of lines) {
    let inForce = false;
    for (const expiresAtMs of line.holders.values()) {
      if (expiresAtMs <= nowMs) continue;
      inForce = true;
      validUntilMs = Math.min(validUntilMs, expiresAtMs);
    }
    if (!inForce) continue;
    body += `${line.value}\n`;
    count++;
  }
  return { body, etag: `"${createHash("sha256").update(body).digest("base64url")}"`, count, builtAtMs: nowMs, validUntilMs };
}

export async function readBlocklist(client: TDb, options: { now?: Date } = {}): Promise<TBlocklist> {
  const cache = caches.get(client) ?? { state: null, queue: Promise.resolve() };
  caches.set(client, cache);
  // One catch-up at a time: two polls changing the entries at once could each see the other's half-done work.
  const run = cache.queue.then(async () => {
    const now = options.now ?? new Date();
    const state = await refresh(pgRawSql(poolOf(client)), cache.state, now);
    cache.state = state;
    // Rebuilt when an entry has run past its expiry since, or for an earlier `now` than it was built for.
    const stale = !state.built || state.built.validUntilMs <= now.getTime() || now.getTime() < state.built.builtAtMs;
    if (stale) state.built = build(state.lines, now);
    const { body, etag, count } = state.built!;
    return { body, etag, count };
  });
  // A failed catch-up starts over from a full read rather than from a state it may have left half-changed.
  cache.queue = run.catch(() => {
    cache.state = null;
  });
  return run;
}

/**
 * If-None-Match against our (strong) ETag. RFC 9110 compares If-None-Match weakly, so
 * W/"x" matches "x"; "*" matches any current list.
 */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}
