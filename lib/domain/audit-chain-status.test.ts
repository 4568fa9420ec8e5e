import { describe, expect, it } from "vitest";
import { summariseChain, type TPartitionProgress } from "./audit-chain-status";

const part = (over: Partial<TPartitionProgress>): TPartitionProgress => ({ partition: 0, verifiedSeq: 0, verifiedLastId: null, headSeq: 0, firstPendingId: null, broken: null, ...over });

describe("summariseChain", () => {
  it("is verified up to the newest event when every chain is caught up", () => {
    const s = summariseChain([part({ partition: 0, verifiedSeq: 3, verifiedLastId: 7n, headSeq: 3 }), part({ partition: 1, verifiedSeq: 2, verifiedLastId: 9n, headSeq: 2 })]);
    expect(s).toMatchObject({ state: "verified", verifiedEvents: 5, pendingEvents: 0, verifiedUpToId: 9n });
    expect(s.sentence).toBe("Hash chain verified up to event #9 (5 events in 2 chains).");
  });

  it("stops just below the oldest event any chain has not checked yet", () => {
    const s = summariseChain([part({ partition: 0, verifiedSeq: 3, verifiedLastId: 7n, headSeq: 5, firstPendingId: 8n }), part({ partition: 1, verifiedSeq: 2, verifiedLastId: 20n, headSeq: 2 })]);
    expect(s).toMatchObject({ state: "catching-up", pendingEvents: 2, verifiedUpToId: 7n });
    expect(s.sentence).toBe("Hash chain verified up to event #7; 2 newer events being checked.");
  });

  it("reports a broken chain and where", () => {
    const s = summariseChain([part({ partition: 4, verifiedSeq: 1, verifiedLastId: 2n, headSeq: 3, firstPendingId: 5n, broken: { seq: 2, id: 5n, reason: "hash mismatch: event 2's stored hash does not match its contents" } })]);
    expect(s).toMatchObject({ state: "broken", verifiedUpToId: 4n });
    expect(s.sentence).toMatch(/^Chain broken in partition 4 at event #5: hash mismatch/);
  });

  it("has verified nothing on an empty log", () => {
    expect(summariseChain([part({})])).toMatchObject({ state: "verified", verifiedUpToId: null, sentence: "Hash chain verified up to no event yet (0 events in 1 chains)." });
  });
});
