import { describeScope } from "@/lib/domain/campaign-scope";
import type { TCampaignInput } from "@/lib/domain/campaign-input";

/** The campaign's terms in one clause, for audit summaries: scope, window, cadence. */
export function campaignTerms(input: TCampaignInput): string {
  const reminders = input.reminderDaysBefore.length > 0 ? `, reminders ${input.reminderDaysBefore.join("/")} days before` : ", no reminders";
  return `${describeScope(input)}; ${input.opensOn} → ${input.deadlineOn}; re-certify every ${input.cadenceDays} days${reminders}`;
}
