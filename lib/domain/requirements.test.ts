import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TContainmentRequirements, TMaintenanceWindow, TRegistration } from "./types";
import { describeConflicts, insideMaintenanceWindows, sortBySpecificity, strictestRequirements } from "./requirements";
import { describeWindow, isInsideWindow } from "./maintenance-window";
import { arbNow, arbRegistrations, arbWindow } from "./decide.arbitraries";

const NONE: TContainmentRequirements = {
  neverAutomatic: false, allowedActions: null, approvalBy: null, maxTtlSeconds: null, preferredAction: null, maintenanceWindows: [],
};

function reg(id: string, value: string, requirements: Partial<TContainmentRequirements>, assetClass = "server"): TRegistration {
  return {
    id, selector: { kind: value.includes("/") ? "cidr" : "ip", value }, ownerName: id === "a" ? "Ada" : "Grace",
    businessService: id === "a" ? "Payments" : "HR", assetClass, requirements: { ...NONE, ...requirements }, expiresAt: null,
  };
}

describe("strictestRequirements", { timeout: 30_000 }, () => {
  it("keeps the strictest of every requirement", () => {
    const merged = strictestRequirements([
      reg("a", "10.0.0.0/8", { allowedActions: ["block_ip", "isolate_host"], approvalBy: "Payments CAB", maxTtlSeconds: 14_400 }),
      reg("b", "10.0.0.1", { neverAutomatic: true, allowedActions: ["block_ip", "revoke_sessions"], maxTtlSeconds: 3600, preferredAction: "revoke_sessions" }),
      reg("c", "10.0.0.0/24", { approvalBy: "Grace", maintenanceWindows: [{ daysOfWeek: [0], start: "02:00", end: "04:00" }] }),
    ]);
    expect(merged).toEqual({
      neverAutomatic: true,
      allowedActions: ["block_ip"],
      approvers: ["Grace", "Payments CAB"], // most specific registration first
      maxTtlSeconds: 3600,
      preferredActions: ["revoke_sessions"],
      maintenanceWindowSets: [[{ daysOfWeek: [0], start: "02:00", end: "04:00" }]],
    });
  });

  it("leaves everything open when nobody restricts, and can allow nothing at all", () => {
    expect(strictestRequirements([])).toEqual({
      neverAutomatic: false, allowedActions: null, approvers: [], maxTtlSeconds: null, preferredActions: [], maintenanceWindowSets: [],
    });
    const disjoint = strictestRequirements([reg("a", "10.0.0.1", { allowedActions: ["block_ip"] }), reg("b", "10.0.0.1", { allowedActions: ["isolate_host"] })]);
    expect(disjoint.allowedActions).toEqual([]);
  });

  it("is never looser than any single registration", () => {
    fc.assert(
      fc.property(arbRegistrations(5), arbNow, (regs, now) => {
        const merged = strictestRequirements(regs);
        for (const { requirements: r } of regs) {
          if (r.neverAutomatic) expect(merged.neverAutomatic).toBe(true);
          if (r.allowedActions) expect(r.allowedActions).toEqual(expect.arrayContaining(merged.allowedActions ?? ["missing"]));
          if (r.approvalBy) expect(merged.approvers).toContain(r.approvalBy);
          if (r.maxTtlSeconds !== null) expect(merged.maxTtlSeconds).toBeLessThanOrEqual(r.maxTtlSeconds);
          if (r.maintenanceWindows.length > 0 && !r.maintenanceWindows.some((w) => isInsideWindow(w, now))) {
            expect(insideMaintenanceWindows(merged, now)).toBe(false);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("maintenance windows", { timeout: 30_000 }, () => {
  const at = (iso: string) => new Date(iso);
  const sundayNight: TMaintenanceWindow = { daysOfWeek: [0], start: "22:00", end: "02:00" };

  it("covers start inclusive to end exclusive, wrapping past midnight into the next day", () => {
    expect(isInsideWindow(sundayNight, at("2025-06-01T22:00:00Z"))).toBe(true); // Sunday
    expect(isInsideWindow(sundayNight, at("2025-06-02T01:59:00Z"))).toBe(true); // Monday, still Sunday's window
    expect(isInsideWindow(sundayNight, at("2025-06-02T02:00:00Z"))).toBe(false);
    expect(isInsideWindow(sundayNight, at("2025-06-01T01:00:00Z"))).toBe(false); // Sunday early: Saturday's window
    expect(isInsideWindow({ daysOfWeek: [1], start: "00:00", end: "00:00" }, at("2025-06-02T23:59:00Z"))).toBe(true);
    expect(isInsideWindow({ daysOfWeek: [1], start: "25:00", end: "02:00" }, at("2025-06-02T01:00:00Z"))).toBe(false);
    expect(describeWindow({ daysOfWeek: [6, 0], start: "22:00", end: "02:00" })).toBe("Sun, Sat 22:00–02:00 UTC");
  });

  // Oracle: enumerate the window's minutes over the week, compared minute by minute.
  it("agrees with an enumeration of the window's minutes", () => {
    const WEEK = 7 * 1440;
    const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
    fc.assert(
      fc.property(arbWindow, arbNow, (window, now) => {
        const covered = new Set<number>();
        const length = ((minutes(window.end) - minutes(window.start) + 1439) % 1440) + 1;
        for (const day of window.daysOfWeek) {
          for (let m = 0; m < length; m++) covered.add((day * 1440 + minutes(window.start) + m) % WEEK);
        }
        const nowMinute = now.getUTCDay() * 1440 + now.getUTCHours() * 60 + now.getUTCMinutes();
        expect(isInsideWindow(window, now)).toBe(covered.has(nowMinute));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("describeConflicts", () => {
  it("says nothing when registrations agree or stand alone", () => {
    expect(describeConflicts([reg("a", "10.0.0.1", { maxTtlSeconds: 60 })])).toEqual([]);
    expect(describeConflicts([reg("a", "10.0.0.1", {}), reg("b", "10.0.0.0/8", {})])).toEqual([]);
  });

  it("names each owner's position and what the merge makes of it", () => {
    const notes = describeConflicts([
      reg("b", "10.0.0.0/8", { maxTtlSeconds: 14_400, allowedActions: ["block_ip", "isolate_host"] }, "server"),
      reg("a", "10.0.0.1", { maxTtlSeconds: 3600, allowedActions: ["block_ip"], approvalBy: "Payments CAB" }, "crown-jewel"),
    ]);
    expect(notes).toEqual([
      "Overlapping registrations disagree on the asset class: 10.0.0.1 (Payments, owner Ada) says crown-jewel; 10.0.0.0/8 (HR, owner Grace) says server. The most specific registration's class, crown-jewel, applies.",
      "Overlapping registrations disagree on allowed actions: 10.0.0.1 (Payments, owner Ada) allows only Block IP; 10.0.0.0/8 (HR, owner Grace) allows only Block IP, Isolate host. Only Block IP remains allowed.",
      "Overlapping registrations disagree on approval: 10.0.0.1 (Payments, owner Ada) requires approval by Payments CAB; 10.0.0.0/8 (HR, owner Grace) requires no approval. Approval by Payments CAB is needed.",
      "Overlapping registrations disagree on the longest containment: 10.0.0.1 (Payments, owner Ada) caps it at 1h; 10.0.0.0/8 (HR, owner Grace) caps it at 4h. The shortest cap, 1h, applies.",
    ]);
  });

  it("orders by specificity", () => {
    const ids = sortBySpecificity([reg("a", "10.0.0.0/8", {}), reg("b", "10.0.0.1", {}), reg("c", "10.0.0.0/24", {})]).map((r) => r.id);
    expect(ids).toEqual(["b", "c", "a"]);
  });
});
