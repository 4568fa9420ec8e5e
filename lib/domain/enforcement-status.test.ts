import { describe, expect, it } from "vitest";
import { enforcementPointStatus, formatSpan, summariseEnforcement, type TEnforcementChangeInput, type TEnforcementPointInput } from "./enforcement-status";

const released = new Date("2026-11-26T12:00:00Z");
const change: TEnforcementChangeInput = { kind: "REMOVED", at: released, txid: 1000n, label: "release" };
const at = (secs: number) => new Date(released.getTime() + secs * 1000);
const feed = (over: Partial<TEnforcementPointInput>): TEnforcementPointInput => ({ name: "edge-fw-1", scope: "feed", lastPullAt: at(-30), intervalSecs: 60, cursor: null, ...over });
const bouncer = (over: Partial<TEnforcementPointInput>): TEnforcementPointInput => ({ name: "nginx-bouncer", scope: "bouncer", lastPullAt: at(-5), intervalSecs: 10, cursor: 990n, ...over });

describe("enforcementPointStatus", () => {
  it("says how long after the release a feed pulled it", () => {
    const s = enforcementPointStatus(feed({ lastPullAt: at(3) }), change, at(10));
    expect(s).toMatchObject({ state: "applied", appliedAfterSecs: 3, approximate: false, stopped: false });
    expect(s.sentence).toBe("edge-fw-1: enforced 3 s after release");
  });

  it("estimates the first pull when the point has pulled several times since", () => {
    const s = enforcementPointStatus(feed({ lastPullAt: at(183), intervalSecs: 60 }), change, at(190));
    expect(s).toMatchObject({ state: "applied", appliedAfterSecs: 3, approximate: true });
    expect(s.sentence).toBe("edge-fw-1: enforced about 3 s after release");
  });

  it("uses a bouncer's cursor, which is exact even if the pull time is not", () => {
    expect(enforcementPointStatus(bouncer({ lastPullAt: at(4), cursor: 1001n }), change, at(5)).state).toBe("applied");
    // Pulled after the change, but the horizon was held back by an older open transaction.
    expect(enforcementPointStatus(bouncer({ lastPullAt: at(4), cursor: 1000n }), change, at(5)).state).toBe("waiting");
  });

  it("is waiting while the point has not pulled since, with its interval", () => {
    const s = enforcementPointStatus(bouncer({}), change, at(2));
    expect(s).toMatchObject({ state: "waiting", stopped: false, lastPullAgoSecs: 7 });
    expect(s.sentence).toBe("nginx-bouncer: waiting, polls every 10 s (last pull 7 s ago)");
  });

  it("flags a point with no pull for more than three intervals", () => {
    const s = enforcementPointStatus(bouncer({ lastPullAt: at(-40) }), change, at(1));
    expect(s).toMatchObject({ state: "stopped", stopped: true });
    expect(s.sentence).toBe("nginx-bouncer: not applied — stopped pulling: last pull 41 s ago, usually every 10 s");
    // Exactly three intervals is not yet "stopped".
    expect(enforcementPointStatus(bouncer({ lastPullAt: at(-29) }), change, at(1)).stopped).toBe(false);
    // Applied, then stopped: both are said.
    const later = enforcementPointStatus(feed({ lastPullAt: at(2) }), change, at(600));
    expect(later).toMatchObject({ state: "applied", stopped: true });
    expect(later.sentence).toMatch(/enforced 2 s after release; since then it stopped pulling/);
  });

  it("does not judge a point whose interval is unknown, and names one that never pulled", () => {
    expect(enforcementPointStatus(feed({ lastPullAt: at(-3600), intervalSecs: null }), change, at(1))).toMatchObject({ state: "waiting", stopped: false });
    expect(enforcementPointStatus(feed({ lastPullAt: null, intervalSecs: null }), change, at(1))).toMatchObject({ state: "never-pulled", sentence: "edge-fw-1: has never pulled" });
  });
});

describe("summariseEnforcement", () => {
  it("is done when every point that pulls has applied the change", () => {
    const statuses = [enforcementPointStatus(feed({ lastPullAt: at(3) }), change, at(5)), enforcementPointStatus(feed({ name: "spare", lastPullAt: null, intervalSecs: null }), change, at(5))];
    expect(summariseEnforcement(statuses, change)).toMatchObject({ done: true, applied: 1, sentence: "All 1 enforcement point has applied release." });
  });

  it("counts what is still waiting and what stopped", () => {
    const statuses = [enforcementPointStatus(feed({ lastPullAt: at(3) }), change, at(5)), enforcementPointStatus(bouncer({ lastPullAt: at(-100) }), change, at(5))];
    expect(summariseEnforcement(statuses, change)).toMatchObject({ done: false, applied: 1, stopped: 1, sentence: "1 of 2 enforcement points have applied release. 1 stopped pulling." });
    expect(summariseEnforcement([], change).sentence).toMatch(/No firewall or bouncer pulls/);
  });
});

describe("formatSpan", () => {
  it("rounds to a unit people read at a glance", () => {
    expect([formatSpan(3.4), formatSpan(89), formatSpan(90), formatSpan(3600), formatSpan(7200), formatSpan(3 * 86_400)]).toEqual(["3 s", "89 s", "2 min", "60 min", "2 h", "3 d"]);
  });
});
