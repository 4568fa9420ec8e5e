// Which assets and owners a registration campaign asks about. A campaign scopes by asset
// class and/or business unit; an asset is in scope when either matches (an empty list puts
// nothing in scope on that axis), the same rule as campaignFor in registration-expiry.ts.
// An asset nobody registered has no business unit, so only its (inferred) class can
// put it in scope.

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
