import { campaignCovers } from "./campaign-scope";

// Registrations protect for one re-certification cadence: certified at t with a cadence of
// N days, a registration lapses at t + N days unless its owner certifies it again, which
// starts a fresh period from that moment. Owners get notice for a while before it lapses.

export const DEFAULT_CADENCE_DAYS = 90;
export const EXPIRY_NOTICE_DAYS = 14;
const DAY_MS = 86_400_000;

/** Whole days (UTC, 24 h each, no calendar arithmetic) so the period is the same length everywhere. */
export function expiresAtFor(certifiedAt: Date, cadenceDays: number): Date {
  if (!Number.isInteger(cadenceDays) || cadenceDays < 1) throw new RangeError(`Cadence must be a whole number of days ≥ 1, got ${cadenceDays}`);
  return new Date(certifiedAt.getTime() + cadenceDays * DAY_MS);
}

export type TRegistrationStanding = "active" | "expiring" | "expired";

/** "expiring" inside the notice window before expiry; expired from the expiry instant on (matching isRegistrationActive). */
export function registrationStanding(expiresAt: Date | null, now: Date, noticeDays = EXPIRY_NOTICE_DAYS): TRegistrationStanding {
  if (expiresAt === null) return "active";
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return "expired";
  return left <= noticeDays * DAY_MS ? "expiring" : "active";
}

/** Days until expiry, rounded up (a registration lapsing in 3 hours has 1 day left); 0 once expired. */
export function daysUntilExpiry(expiresAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS));
}

/** Which campaign's cadence applies to a registration: the open campaign whose scope covers it. */
export type TCadenceCampaign = { id: string; scopeAssetClasses: string[]; scopeBusinessUnits: string[]; cadenceDays: number };

/** With several covering campaigns the shortest cadence wins: the registration is re-checked as often as any of them asks. */
export function campaignFor<T extends TCadenceCampaign>(campaigns: readonly T[], reg: { assetClass: string; businessUnit: string }): T | null {
  const covering = campaigns.filter((c) => campaignCovers(c, reg));
  return covering.reduce<T | null>((best, c) => (best === null || c.cadenceDays < best.cadenceDays ? c : best), null);
}
