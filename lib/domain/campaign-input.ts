// What the SOC or CISO submits to open or edit a registration campaign. The form sends
// strings as typed; every rule answers on the field it is about.
import { z } from "zod";
import { isoDay, windowDays, endOfDay, startOfDay } from "./campaign-dates";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_REMINDERS = 10;

const day = (what: string) =>
  z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .regex(ISO_DAY, `Enter the ${what} as a date (YYYY-MM-DD).`)
    .refine((v) => !ISO_DAY.test(v) || realDay(v), `The ${what} is not a real date.`);

function realDay(value: string): boolean {
  const date = startOfDay(value);
  return !Number.isNaN(date.getTime()) && isoDay(date) === value;
}

const keyList = (max: number) => z.array(z.string().trim().min(1).max(max)).max(50, "Keep the scope under 50 entries.").default([]);

/** "14, 7, 1" → [14, 7, 1]: whole days, each at least 1, no repeats. */
const ZReminderDays = z.union([z.string(), z.array(z.number())]).transform((raw, ctx) => {
  const parts = typeof raw === "string" ? raw.split(/[\s,;]+/).filter(Boolean) : raw.map(String);
  const days = parts.map(Number);
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 365)) {
    ctx.addIssue({ code: "custom", message: "Enter whole numbers of days between 1 and 365, separated by commas (e.g. 14, 7, 1)." });
    return z.NEVER;
  }
  if (new Set(days).size !== days.length) {
    ctx.addIssue({ code: "custom", message: "Each reminder point once only." });
    return z.NEVER;
  }
  if (days.length > MAX_REMINDERS) {
    ctx.addIssue({ code: "custom", message: `At most ${MAX_REMINDERS} reminder points.` });
    return z.NEVER;
  }
  return days.sort((a, b) => b - a);
});

export const ZCampaignInput = z
  .object({
    name: z.string({ error: "Name the campaign." }).trim().min(1, "Name the campaign.").max(200, "Keep the name under 200 characters."),
    scopeAssetClasses: keyList(100),
    scopeBusinessUnits: keyList(200),
    opensOn: day("opening date"),
    deadlineOn: day("deadline"),
    cadenceDays: z.coerce
      .number({ error: "Enter the re-certification cadence in days (e.g. 90 for quarterly)." })
      .int("Enter a whole number of days.")
      .min(1, "The cadence must be at least 1 day.")
      .max(3650, "Keep the cadence under ten years (3650 days)."),
    reminderDaysBefore: ZReminderDays,
  })
  .superRefine((v, ctx) => {
    if (v.scopeAssetClasses.length === 0 && v.scopeBusinessUnits.length === 0) {
      ctx.addIssue({ code: "custom", path: ["scopeAssetClasses"], message: "Pick at least one asset class or business unit." });
    }
    if (v.deadlineOn <= v.opensOn) {
      ctx.addIssue({ code: "custom", path: ["deadlineOn"], message: "The deadline must be after the opening date." });
      return;
    }
    const length = windowDays(startOfDay(v.opensOn), endOfDay(v.deadlineOn));
    const early = v.reminderDaysBefore.find((d) => d >= length);
    if (early !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["reminderDaysBefore"],
        message: `A reminder ${early} days before the deadline would come before the campaign opens (it runs ${length} days).`,
      });
    }
  });

export type TCampaignInput = z.output<typeof ZCampaignInput>;

/** The stored shape: the opening day's first instant and the deadline day's last. */
export function campaignDates(input: Pick<TCampaignInput, "opensOn" | "deadlineOn">): { opensAt: Date; deadline: Date } {
  return { opensAt: startOfDay(input.opensOn), deadline: endOfDay(input.deadlineOn) };
}
