import "server-only";
import { formatGoDuration } from "@/lib/domain/go-duration";
import type { TPerimeterContainment } from "./perimeter";
import { perimeterTarget } from "./perimeter";

// One containment as a CrowdSec LAPI decision (crowdsec pkg/models Decision and the
// controller's FormatDecisions): bouncers decode these fields and nothing else, parse
// `duration` with Go's time.ParseDuration and key their sets on `value`.

export const CROWDSEC_ORIGIN = "reflex";

export type TCrowdSecScope = "Ip" | "Range";

export type TCrowdSecDecision = {
  id: number;
  uuid: string;
  origin: typeof CROWDSEC_ORIGIN;
  type: "ban";
  scope: TCrowdSecScope;
  value: string;
  /** Go duration of the time left; negative for a decision that has ended. */
  duration: string;
  until: string;
  scenario: string;
  simulated: false;
};

export function scenarioOf(playbookKey: string | null): string {
  return `${CROWDSEC_ORIGIN}/${playbookKey ?? "manual"}`;
}

export function scopeOf(targetKind: TPerimeterContainment["targetKind"]): TCrowdSecScope {
  return targetKind === "cidr" ? "Range" : "Ip";
}

/** Whole seconds from `now` to `until`, rounded half away from zero like Go's Duration.Round(time.Second). */
export function secondsUntil(until: Date, now: Date): number {
  const seconds = (until.getTime() - now.getTime()) / 1000;
  return Math.sign(seconds) * Math.round(Math.abs(seconds));
}

type TDecisionSource = Pick<TPerimeterContainment, "id" | "number" | "targetKind" | "targetValue" | "playbookKey">;

/**
 * The decision, ending at `until`. Null when the stored target is not an address or
 * range. For an ended decision pass `ended: true`: its duration is then at least one
 * second below zero, so no bouncer can read it as "no timeout".
 */
export function toCrowdSecDecision(c: TDecisionSource, options: { until: Date; now: Date; ended?: boolean }): TCrowdSecDecision | null {
  const target = perimeterTarget(c);
  if (!target) return null;
  let seconds = secondsUntil(options.until, options.now);
  if (options.ended) seconds = Math.min(seconds, -1);
  return {
    id: c.number,
    uuid: c.id,
    origin: CROWDSEC_ORIGIN,
    type: "ban",
    scope: scopeOf(c.targetKind),
    value: target.value,
    duration: formatGoDuration(seconds),
    until: options.until.toISOString(),
    scenario: scenarioOf(c.playbookKey),
    simulated: false,
  };
}
