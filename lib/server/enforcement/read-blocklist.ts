import "server-only";
import { createHash } from "node:crypto";
import type { TDb } from "@/lib/db/client";
import { compareText } from "@/lib/domain/compare-text";
import { activePerimeterWhere, perimeterTarget } from "./perimeter";
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

type TListState = {
  cursor: bigint;
  entries: Map<string, TEntry>;
  built: (TBlocklist & { builtAtMs: number; validUntilMs: number }) | null;
};

type TCache = { state: TListState | null; queue: Promise<unknown> };

const caches = new WeakMap<TDb, TCache>();

async function activeEntries(client: TDb, now: Date, ids?: string[]): Promise<[string, TEntry][]> {
  const rows = await client.containment.findMany({
    where: { ...activePerimeterWhere(now), ...(ids ? { id: { in: ids } } : {}) },
    select: { id: true, targetKind: true, targetValue: true, expiresAt: true },
  });
  return rows.flatMap((row) => {
    const target = perimeterTarget(row);
    return target ? [[row.id, { ...target, expiresAtMs: row.expiresAt.getTime() }] as [string, TEntry]] : [];
  });
}

/** Catches the state up with the change log; the horizon is read first, so nothing is missed. */
async function refresh(client: TDb, state: TListState | null, now: Date): Promise<TListState> {
  if (!state) {
    const cursor = await readHorizon(client);
    return { cursor, entries: new Map(await activeEntries(client, now)), built: null };
  }
  const { horizon, changes } = await readEnforcementChanges(client, { cursor: state.cursor });
  if (changes.length > 0) {
    // Whatever the order of adds and removals, the row's state now is the answer.
    const ids = [...new Set(changes.map((c) => c.containmentId))];
    for (const id of ids) state.entries.delete(id);
    for (const [id, entry] of await activeEntries(client, now, ids)) state.entries.set(id, entry);
    state.built = null;
  }
  state.cursor = horizon;
  return state;
}

function build(entries: Map<string, TEntry>, now: Date): NonNullable<TListState["built"]> {
  const byValue = new Map<string, string>();
  let validUntilMs = Infinity;
  for (const entry of entries.values()) {
    if (entry.expiresAtMs <= now.getTime()) continue;
    byValue.set(entry.value, entry.sortKey);
    validUntilMs = Math.min(validUntilMs, entry.expiresAtMs);
  }
  const lines = [...byValue].sort((a, b) => compareText(a[1], b[1])).map(([value]) => value);
  const body = lines.map((line) => `${line}\n`).join("");
  return { body, etag: `"${createHash("sha256").update(body).digest("base64url")}"`, count: lines.length, builtAtMs: now.getTime(), validUntilMs };
}

export async function readBlocklist(client: TDb, options: { now?: Date } = {}): Promise<TBlocklist> {
  const cache = caches.get(client) ?? { state: null, queue: Promise.resolve() };
  caches.set(client, cache);
  // One catch-up at a time: two polls changing the entries at once could each see the other's half-done work.
  const run = cache.queue.then(async () => {
    const now = options.now ?? new Date();
    const state = await refresh(client, cache.state, now);
    cache.state = state;
    // Rebuilt when an entry has run past its expiry since, or for an earlier `now` than it was built for.
    const stale = !state.built || state.built.validUntilMs <= now.getTime() || now.getTime() < state.built.builtAtMs;
    if (stale) state.built = build(state.entries, now);
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
