import { describe, expect, it } from "vitest";
import { summariseCoverage, type TSeenEntity } from "./campaign-coverage";

const at = new Date("2026-11-20T00:00:00Z");
const seen = (kind: TSeenEntity["kind"], value: string, registration: TSeenEntity["registration"] = null, sightings = 1): TSeenEntity => ({ kind, value, sightings, lastSeen: at, registration });
const priya = { ownerName: "Priya Raman", businessUnit: "Payments", assetClass: "crown-jewel" };

describe("campaign coverage", () => {
  const scope = { scopeAssetClasses: ["crown-jewel", "internal-ip", "service-account"], scopeBusinessUnits: ["Retail"] };

  it("expects seen entities in scope and counts those a registration covers", () => {
    const result = summariseCoverage(
      scope,
      [
        seen("ip", "10.20.1.5", priya, 4),
        seen("ip", "10.9.9.9", null, 7),
        seen("ip", "203.0.113.9", null, 50),
        seen("account", "svc-backup", null, 2),
        seen("account", "alice", null, 3),
        seen("host", "pos-12", { ownerName: "Ravi Shah", businessUnit: "Retail", assetClass: "workstation" }),
        seen("host", "build-01", { ownerName: "Ravi Shah", businessUnit: "Engineering", assetClass: "server" }),
      ],
      [
        { ...priya, count: 2 },
        { ownerName: "Ravi Shah", businessUnit: "Retail", assetClass: "workstation", count: 1 },
        { ownerName: "Ravi Shah", businessUnit: "Engineering", assetClass: "server", count: 5 },
      ],
    );
    expect(result).toMatchObject({ expected: 4, covered: 2, registrations: 3 });
    expect(result.unregistered.map((u) => [u.value, u.assetClass])).toEqual([["10.9.9.9", "internal-ip"], ["svc-backup", "service-account"]]);
    expect(result.byOwner).toEqual([
      { ownerName: "Priya Raman", businessUnit: "Payments", registrations: 2, seenCovered: 1 },
      { ownerName: "Ravi Shah", businessUnit: "Retail", registrations: 1, seenCovered: 1 },
    ]);
  });

  it("expects no unregistered entity of a campaign scoped only by business unit", () => {
    const result = summariseCoverage({ scopeAssetClasses: [], scopeBusinessUnits: ["Payments"] }, [seen("ip", "10.9.9.9"), seen("ip", "10.20.1.5", priya)], [{ ...priya, count: 1 }]);
    expect(result).toMatchObject({ expected: 1, covered: 1, registrations: 1, unregistered: [] });
  });
});
