// "Release is done when enforcement says so": for one containment change (the block, or
// its release/expiry) and one enforcement point (a feed or bouncer token), whether the
// point has pulled the change yet, how long it took, and whether the point has stopped
// pulling altogether. Pure: the caller passes the rows and the clock.

export type TEnforcementPointInput = {
  name: string;
  scope: string;
  lastPullAt: Date | null;
  /** Moving estimate of the gap between pulls; null until the second pull. */
  intervalSecs: number | null;
  /** Bouncers: the transaction-id horizon they have received changes up to. Feeds: null. */
  cursor: bigint | null;
};

export type TEnforcementChangeInput = {
  kind: "ADDED" | "REMOVED";
  /** When the change was written (its transaction commits right after). */
  at: Date;
  /** The change's transaction id: a bouncer whose cursor is past it has received it. */
  txid: bigint;
  /** How the console names the change in a sentence: "the block", "release", "expiry". */
  label: string;
};

export type TPointState = "applied" | "waiting" | "stopped" | "never-pulled";

export type TPointStatus = {
  name: string;
  scope: string;
  state: TPointState;
  /** Seconds from the change to the first pull that carried it (estimated when approximate). */
  appliedAfterSecs: number | null;
  approximate: boolean;
  intervalSecs: number | null;
  lastPullAgoSecs: number | null;
  /** No pull for more than STOPPED_FACTOR × its usual interval. */
  stopped: boolean;
  sentence: string;
};

/** A point is flagged as stopped after this many of its usual intervals without a pull. */
export const STOPPED_FACTOR = 3;

/** "3 s", "4 min", "2 h", "3 d": rounded, for sentences. */
export function formatSpan(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 90) return `${s} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} d`;
}

function hasApplied(point: TEnforcementPointInput, change: TEnforcementChangeInput): boolean {
  // A bouncer's cursor is exact (every change below it was delivered); a feed has no
  // cursor but serves the whole list, so any pull after the change carries it.
  if (point.cursor !== null) return point.cursor > change.txid;
  return point.lastPullAt !== null && point.lastPullAt.getTime() >= change.at.getTime();
}

/**
 * Only the last pull time is stored, so when the point has pulled several times since
 * the change, the first of those pulls is estimated by stepping back whole intervals.
 */
function appliedAfter(point: TEnforcementPointInput, change: TEnforcementChangeInput): { secs: number; approximate: boolean } {
  const sinceChange = Math.max(0, ((point.lastPullAt?.getTime() ?? change.at.getTime()) - change.at.getTime()) / 1000);
  const interval = point.intervalSecs;
  // No interval yet means a single pull ever: that pull is the first one after the change.
  if (!interval || interval <= 0) return { secs: sinceChange, approximate: false };
  if (sinceChange < interval * 1.5) return { secs: sinceChange, approximate: false };
  return { secs: sinceChange - Math.floor(sinceChange / interval) * interval, approximate: true };
}

export function enforcementPointStatus(point: TEnforcementPointInput, change: TEnforcementChangeInput, now: Date): TPointStatus {
  const base = { name: point.name, scope: point.scope, intervalSecs: point.intervalSecs };
  if (point.lastPullAt === null) {
    return { ...base, state: "never-pulled", appliedAfterSecs: null, approximate: false, lastPullAgoSecs: null, stopped: false, sentence: `${point.name}: has never pulled` };
  }
  const ago = Math.max(0, (now.getTime() - point.lastPullAt.getTime()) / 1000);
  const stopped = point.intervalSecs !== null && point.intervalSecs > 0 && ago > STOPPED_FACTOR * point.intervalSecs;
  const polls = point.intervalSecs ? `polls every ${formatSpan(point.intervalSecs)}` : "pull interval not known yet";
  const stoppedNote = `stopped pulling: last pull ${formatSpan(ago)} ago, usually every ${formatSpan(point.intervalSecs ?? 0)}`;
  if (hasApplied(point, change)) {
    const after = appliedAfter(point, change);
    const applied = `enforced ${after.approximate ? "about " : ""}${formatSpan(after.secs)} after ${change.label}`;
    return { ...base, state: "applied", appliedAfterSecs: after.secs, approximate: after.approximate, lastPullAgoSecs: ago, stopped, sentence: `${point.name}: ${applied}${stopped ? `; since then it ${stoppedNote}` : ""}` };
  }
  if (stopped) {
    return { ...base, state: "stopped", appliedAfterSecs: null, approximate: false, lastPullAgoSecs: ago, stopped, sentence: `${point.name}: not applied — ${stoppedNote}` };
  }
  return { ...base, state: "waiting", appliedAfterSecs: null, approximate: false, lastPullAgoSecs: ago, stopped, sentence: `${point.name}: waiting, ${polls} (last pull ${formatSpan(ago)} ago)` };
}

export type TEnforcementSummary = { total: number; applied: number; waiting: number; stopped: number; neverPulled: number; done: boolean; sentence: string };

export function summariseEnforcement(statuses: readonly TPointStatus[], change: Pick<TEnforcementChangeInput, "label">): TEnforcementSummary {
  const count = (state: TPointState) => statuses.filter((s) => s.state === state).length;
  const applied = count("applied");
  const total = statuses.length;
  const summary = { total, applied, waiting: count("waiting"), stopped: statuses.filter((s) => s.stopped).length, neverPulled: count("never-pulled") };
  const pulling = total - summary.neverPulled;
  const done = pulling > 0 && applied === pulling;
  let sentence: string;
  if (total === 0) sentence = "No firewall or bouncer pulls from Reflex yet: nothing enforces this outside Reflex.";
  else if (done) sentence = `All ${applied} enforcement point${applied === 1 ? " has" : "s have"} applied ${change.label}.`;
  else sentence = `${applied} of ${pulling} enforcement point${pulling === 1 ? "" : "s"} ha${pulling === 1 ? "s" : "ve"} applied ${change.label}.`;
  if (summary.stopped > 0) sentence += ` ${summary.stopped} stopped pulling.`;
  return { ...summary, done, sentence };
}
