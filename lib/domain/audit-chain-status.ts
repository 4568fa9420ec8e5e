// The feed's tamper-evidence line: "verified up to event N". The audit log is 16 hash
// chains; each has a verified prefix (a checkpoint) and maybe newer events not checked yet.
// Every event with an id up to N is verified when N is just below the oldest unchecked
// event of any chain. Pure: the caller reads checkpoints and chain heads.

export type TPartitionProgress = {
  partition: number;
  /** Events 1..verifiedSeq of this chain have been checked. */
  verifiedSeq: number;
  /** Global id of the last verified event of this chain (null when none). */
  verifiedLastId: bigint | null;
  /** Events in the chain according to its head row. */
  headSeq: number;
  /** Global id of event verifiedSeq + 1, when there is one. */
  firstPendingId: bigint | null;
  broken: { seq: number; id: bigint | null; reason: string } | null;
};

export type TChainStatus = {
  state: "verified" | "catching-up" | "broken";
  verifiedEvents: number;
  pendingEvents: number;
  /** Every event with id <= this is verified; null when nothing is. */
  verifiedUpToId: bigint | null;
  broken: { partition: number; seq: number; id: bigint | null; reason: string }[];
  sentence: string;
};

function min(values: bigint[]): bigint | null {
  return values.reduce<bigint | null>((m, v) => (m === null || v < m ? v : m), null);
}

export function summariseChain(parts: readonly TPartitionProgress[]): TChainStatus {
  const verifiedEvents = parts.reduce((n, p) => n + p.verifiedSeq, 0);
  const pendingEvents = parts.reduce((n, p) => n + Math.max(0, p.headSeq - p.verifiedSeq), 0);
  const broken = parts.flatMap((p) => (p.broken ? [{ partition: p.partition, ...p.broken }] : []));
  const firstUnverified = min(parts.flatMap((p) => (p.broken?.id != null ? [p.broken.id] : p.firstPendingId != null ? [p.firstPendingId] : [])));
  const lastVerified = parts.reduce<bigint | null>((m, p) => (p.verifiedLastId !== null && (m === null || p.verifiedLastId > m) ? p.verifiedLastId : m), null);
  const verifiedUpToId = firstUnverified !== null ? (firstUnverified > 1n ? firstUnverified - 1n : null) : lastVerified;
  const upTo = verifiedUpToId === null ? "no event yet" : `event #${verifiedUpToId}`;
  if (broken.length > 0) {
    const b = broken[0]!;
    return {
      state: "broken",
      verifiedEvents,
      pendingEvents,
      verifiedUpToId,
      broken,
      sentence: `Chain broken in partition ${b.partition} at event ${b.id !== null ? `#${b.id}` : `${b.seq} of that chain`}: ${b.reason}. Verified up to ${upTo}; run \`npx reflex audit verify\`.`,
    };
  }
  const state = pendingEvents > 0 ? "catching-up" : "verified";
  const sentence =
    state === "verified"
      ? `Hash chain verified up to ${upTo} (${verifiedEvents.toLocaleString("en")} events in ${parts.length} chains).`
      : `Hash chain verified up to ${upTo}; ${pendingEvents.toLocaleString("en")} newer event${pendingEvents === 1 ? "" : "s"} being checked.`;
  return { state, verifiedEvents, pendingEvents, verifiedUpToId, broken, sentence };
}
