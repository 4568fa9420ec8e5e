// Which assets and owners a registration campaign asks about. A campaign scopes by asset
// class and/or business unit; an asset is in scope when either matches (an empty list puts
// nothing in scope on that axis), the same rule as campaignFor in registration-expiry.ts.
// An asset nobody registered has no business unit, so only its (inferred) class can
// put it in scope.
import { campaignPhase } from "./campaign-dates";

export type TCampaignScope = { scopeAssetClasses: readonly string[]; scopeBusinessUnits: readonly string[] };

export function campaignCovers(scope: TCampaignScope, asset: { assetClass: string; businessUnit?: string | null }): boolean {
  if (scope.scopeAssetClasses.includes(asset.assetClass)) return true;
  return Boolean(asset.businessUnit) && scope.scopeBusinessUnits.includes(asset.businessUnit ?? "");
}

/**
 * Owners a campaign asks: those with a registration it covers, and those who registered
 * nothing yet (only they know whether they own something in scope). An owner whose every
 * registration lies outside the scope is not asked.
 */
export function campaignAsksOwner(scope: TCampaignScope, registrations: readonly { assetClass: string; businessUnit: string }[]): boolean {
  return registrations.length === 0 || registrations.some((r) => campaignCovers(scope, r));
}

export function describeScope(scope: TCampaignScope): string {
  const parts = [
    scope.scopeAssetClasses.length > 0 ? `asset classes ${scope.scopeAssetClasses.join(", ")}` : null,
    scope.scopeBusinessUnits.length > 0 ? `business units ${scope.scopeBusinessUnits.join(", ")}` : null,
  ].filter((p): p is string => p !== null);
  return parts.join("; ");
}

export type TDeadlineCampaign = TCampaignScope & { opensAt: Date; deadline: Date; closedAt: Date | null };

/**
 * The deadline a decision cites for an unregistered target of `assetClass`: among the
 * campaigns covering that class, the latest deadline already passed ("not registered by"),
 * else the nearest one still open ("registration open until"). Closed and not-yet-open
 * campaigns are not cited.
 */
export function applicableDeadline(campaigns: readonly TDeadlineCampaign[], assetClass: string, now: Date): Date | null {
  const covering = campaigns.filter((c) => campaignCovers(c, { assetClass }));
  const passed = covering.filter((c) => campaignPhase(c, now) === "past-deadline").map((c) => c.deadline.getTime());
  if (passed.length > 0) return new Date(Math.max(...passed));
  const open = covering.filter((c) => campaignPhase(c, now) === "open").map((c) => c.deadline.getTime());
  return open.length > 0 ? new Date(Math.min(...open)) : null;
}
