// The audit log's hash chain. Each event's hash covers its own fields and the previous
// event's hash, so changing, removing or reordering any event breaks every link after it.
// Removing events from the end is invisible to the chain alone: keep the latest hash
// somewhere else as well (a checkpoint) and pass it as `from` or compare it.
import { canonicalJson, sha256Hex } from "./canonical-json";

export type TAuditHashInput = {
  /** Hash of the previous event; null only for the first event of the chain. */
  prevHash: string | null;
  /** Gapless: each event is the previous one's seq + 1. */
  seq: number;
  type: string;
  occurredAt: Date;
  actor: unknown;
  subject: unknown;
  data: unknown;
};

export type TChainedEvent = TAuditHashInput & { hash: string };

export type TChainVerdict =
  | { ok: true; lastSeq: number | null }
  | { ok: false; brokenAt: number; reason: string };

/** Where a verified stretch starts: the event before it. The default is the chain's start. */
export type TChainAnchor = { seq: number; hash: string | null };

export const CHAIN_START: TChainAnchor = { seq: 0, hash: null };

export function computeAuditHash(event: TAuditHashInput): string {
  const { prevHash, seq, type, occurredAt, actor, subject, data } = event;
  return sha256Hex(canonicalJson({ prevHash, seq, type, occurredAt, actor, subject, data }));
}

// Stored rows may hold anything a forger put there: describing a bad value must not throw
// (String() of an object whose toString is not a function does).
function short(hash: unknown): string {
  if (hash === null) return "none";
  return typeof hash === "string" ? `${hash.slice(0, 12)}…` : "a value that is not a hash";
}

function seqText(seq: unknown): string {
  return typeof seq === "number" || typeof seq === "bigint" ? String(seq) : "a value that is not a number";
}

/** Events in seq order. `brokenAt` is the seq where the chain stops holding. */
export function verifyChain(events: readonly TChainedEvent[], from: TChainAnchor = CHAIN_START): TChainVerdict {
  let previous = from;
  for (const event of events) {
    const expectedSeq = previous.seq + 1;
    if (event.seq !== expectedSeq) {
      return { ok: false, brokenAt: expectedSeq, reason: `gap in seq: expected event ${expectedSeq}, found ${seqText(event.seq)}` };
    }
    if (event.prevHash !== previous.hash) {
      return {
        ok: false,
        brokenAt: event.seq,
        reason: `prevHash mismatch: event ${event.seq} points to ${short(event.prevHash)} but the event before it hashes to ${short(previous.hash)}`,
      };
    }
    let actual: string;
    try {
      actual = computeAuditHash(event);
    } catch (error) {
      return { ok: false, brokenAt: event.seq, reason: `hash mismatch: event ${event.seq} cannot be hashed (${(error as Error).message})` };
    }
    if (actual !== event.hash) {
      return { ok: false, brokenAt: event.seq, reason: `hash mismatch: event ${event.seq}'s stored hash does not match its contents` };
    }
    previous = { seq: event.seq, hash: event.hash };
  }
  return { ok: true, lastSeq: events.length > 0 ? previous.seq : null };
}
