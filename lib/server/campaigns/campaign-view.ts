import type { Prisma } from "@/lib/generated/prisma";
import { campaignPhase, daysLeft, daysLeftLabel, isoDay, type TCampaignPhase } from "@/lib/domain/campaign-dates";

// One campaign as pages show it: plain values, dates as calendar days, its phase and the
// days left computed once on the server (one clock for the whole page).

export const CAMPAIGN_SELECT = {
  id: true, name: true, scopeAssetClasses: true, scopeBusinessUnits: true, opensAt: true, deadline: true,
  cadenceDays: true, reminderDaysBefore: true, createdAt: true, closedAt: true,
} satisfies Prisma.RegistrationCampaignSelect;

type TCampaignRow = Prisma.RegistrationCampaignGetPayload<{ select: typeof CAMPAIGN_SELECT }>;

export type TCampaignView = {
  id: string;
  name: string;
  scopeAssetClasses: string[];
  scopeBusinessUnits: string[];
  opensOn: string;
  deadlineOn: string;
  cadenceDays: number;
  reminderDaysBefore: number[];
  closedAt: string | null;
  phase: TCampaignPhase;
  daysLeft: number;
  daysLeftLabel: string;
};

export function toCampaignView(row: TCampaignRow, now: Date): TCampaignView {
  return {
    id: row.id,
    name: row.name,
    scopeAssetClasses: row.scopeAssetClasses,
    scopeBusinessUnits: row.scopeBusinessUnits,
    opensOn: isoDay(row.opensAt),
    deadlineOn: isoDay(row.deadline),
    cadenceDays: row.cadenceDays,
    reminderDaysBefore: row.reminderDaysBefore,
    closedAt: row.closedAt?.toISOString() ?? null,
    phase: campaignPhase(row, now),
    daysLeft: daysLeft(row.deadline, now),
    daysLeftLabel: daysLeftLabel(row.deadline, now),
  };
}
