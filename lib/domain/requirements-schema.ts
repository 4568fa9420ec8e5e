import { z } from "zod";
import { ACTION_TYPES, type TContainmentRequirements } from "./types";

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const ZMaintenanceWindow = z.object({
  daysOfWeek: z.array(z.number().int().min(0).max(6)).min(1, "Pick at least one day."),
  start: z.string().regex(HHMM, "Use HH:MM (UTC), e.g. 02:00."),
  end: z.string().regex(HHMM, "Use HH:MM (UTC), e.g. 04:00."),
});

export const ZContainmentRequirements = z.object({
  neverAutomatic: z.boolean().default(false),
  allowedActions: z.array(z.enum(ACTION_TYPES)).min(1, "Allow at least one action, or choose 'never contain automatically'.").nullable().default(null),
  approvalBy: z.string().trim().min(1).max(200).nullable().default(null),
  maxTtlSeconds: z.number().int().positive("The maximum TTL must be above zero.").nullable().default(null),
  preferredAction: z.enum(ACTION_TYPES).nullable().default(null),
  maintenanceWindows: z.array(ZMaintenanceWindow).default([]),
}) satisfies z.ZodType<TContainmentRequirements, unknown>;

/** Requirements as stored; a row that no longer parses protects as strictly as possible. */
export function readRequirements(value: unknown): TContainmentRequirements {
  const parsed = ZContainmentRequirements.safeParse(value);
  if (parsed.success) return parsed.data;
  return { neverAutomatic: true, allowedActions: null, approvalBy: null, maxTtlSeconds: null, preferredAction: null, maintenanceWindows: [] };
}
