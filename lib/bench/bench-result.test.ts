import { describe, expect, it } from "vitest";
import { evaluateTargets, type TPhaseSummary } from "./bench-result";
import { summarize } from "./stats";

function phase(name: string, alertsPerSecond: number, offeredPerSecond: number | null): TPhaseSummary {
  return {
    name, requestsSent: 100, alertsSent: 100, accepted: 100, duplicates: 0, failedRequests: 0, errorSamples: [], spanMs: 1000,
    alertsPerSecond, requestsPerSecond: alertsPerSecond, latencyMs: summarize([10]), verdicts: { execute: 100 }, timedOut: false,
    offeredPerSecond, sentPerSecond: offeredPerSecond ?? alertsPerSecond, cpu: null, sessions: null, searchBacklog: null,
  };
}

describe("evaluateTargets", () => {
  it("judges the single-alert target on the flood it offered, and shows the closed loop beside it", () => {
    const targets = evaluateTargets({ phases: [phase("single", 379, null), phase("flood", 544, 550)], enforcement: null, loss: null });
    expect(targets.filter((t) => t.name.startsWith("single alerts")).map((t) => [t.name, t.measured, t.met])).toEqual([
      ["single alerts (flood)", "544 alerts/s served of 550/s offered", true],
      ["single alerts (closed loop)", "379 alerts/s", false],
    ]);
  });

  it("does not count a flood the console could not keep up with", () => {
    const [flood] = evaluateTargets({ phases: [phase("flood", 480, 550)], enforcement: null, loss: null });
    expect(flood).toMatchObject({ name: "single alerts (flood)", met: false });
  });
});
