// Coverage of a registration campaign: of the entities Reflex has actually seen (in alerts
// and context events) that fall in the campaign's scope, how many a registration covers.
// A seen entity is in scope when the registration covering it is (its class or business
// unit), or, when nobody registered it, when its inferred asset class is: an unregistered
// entity has no business unit, so a campaign scoped only by business unit expects none.
import { inferAssetClass } from "./asset-class";
import { campaignCovers, type TCampaignScope } from "./campaign-scope";
import type { TEntityKind } from "./types";

export type TSeenEntity = {
  kind: Extract<TEntityKind, "ip" | "host" | "account">;
  value: string;
  sightings: number;
  lastSeen: Date;
  /** The most specific active registration covering it, if any. */
  registration: { ownerName: string; businessUnit: string; assetClass: string } | null;
};

export type TRegistrationGroup = { ownerName: string; businessUnit: string; assetClass: string; count: number };

export type TCoverageRow = { ownerName: string; businessUnit: string; registrations: number; seenCovered: number };
export type TUnregisteredEntity = { kind: TSeenEntity["kind"]; value: string; assetClass: string; sightings: number; lastSeen: Date };

export type TCampaignCoverage = {
  /** Seen entities in scope: what the campaign expects to be registered. */
  expected: number;
  /** Of those, covered by an active registration. */
  covered: number;
  /** Registrations in scope, whether or not their assets were seen. */
  registrations: number;
  byOwner: TCoverageRow[];
  unregistered: TUnregisteredEntity[];
};

export function summariseCoverage(scope: TCampaignScope, seen: readonly TSeenEntity[], groups: readonly TRegistrationGroup[]): TCampaignCoverage {
  const rows = new Map<string, TCoverageRow>();
  const row = (ownerName: string, businessUnit: string) => {
    const key = `${ownerName}\u0000${businessUnit}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { ownerName, businessUnit, registrations: 0, seenCovered: 0 }));
    return r;
  };
  let registrations = 0;
  for (const g of groups) {
    if (!campaignCovers(scope, g)) continue;
    row(g.ownerName, g.businessUnit).registrations += g.count;
    registrations += g.count;
  }
  let covered = 0;
  const unregistered: TUnregisteredEntity[] = [];
  for (const e of seen) {
    if (e.registration) {
      if (!campaignCovers(scope, e.registration)) continue;
      row(e.registration.ownerName, e.registration.businessUnit).seenCovered += 1;
      covered += 1;
      continue;
    }
    const assetClass = inferAssetClass(e);
    if (campaignCovers(scope, { assetClass })) unregistered.push({ kind: e.kind, value: e.value, assetClass, sightings: e.sightings, lastSeen: e.lastSeen });
  }
  unregistered.sort((a, b) => b.sightings - a.sightings || a.value.localeCompare(b.value));
  const byOwner = [...rows.values()].sort((a, b) => a.ownerName.localeCompare(b.ownerName) || a.businessUnit.localeCompare(b.businessUnit));
  return { expected: covered + unregistered.length, covered, registrations, byOwner, unregistered };
}
