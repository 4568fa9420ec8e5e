import { z } from "zod";
import { ACTION_TYPES, FAIL_MODES, POLICY_MODES, type TPolicyDocument } from "./types";

// The policy document as it is stored, signed and edited. Messages name the cell so the
// editor can show them next to it.

export const ZPolicyCell = z
  .object({
    mode: z.enum(POLICY_MODES),
    minConfidence: z.number().min(0, "Minimum confidence is between 0 and 1.").max(1, "Minimum confidence is between 0 and 1."),
    maxBlastRadius: z.number().int("Blast radius is a whole number of assets.").min(0, "Blast radius cannot be negative."),
    ttlSeconds: z.number().int().positive("A containment needs a TTL above zero: it must expire by itself."),
    requireContext: z.boolean(),
    allowIrreversible: z.boolean(),
  })
  .strict();

export const ZPolicyRule = ZPolicyCell.extend({
  action: z.enum(ACTION_TYPES),
  assetClass: z.string().min(1, "Pick an asset class."),
}).strict();

export const ZPolicyDocument = z
  .object({
    rules: z.array(ZPolicyRule),
    defaultRule: ZPolicyCell,
    failMode: z.enum(FAIL_MODES),
    escalationSlaMinutes: z.number().int().min(1, "The escalation SLA is at least one minute.").max(7 * 24 * 60),
    rationale: z.string().max(10_000),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.rules.forEach((rule, i) => {
      const key = `${rule.action}/${rule.assetClass}`;
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["rules", i], message: `Two cells for ${key}: keep one.` });
      seen.add(key);
    });
  }) satisfies z.ZodType<TPolicyDocument>;
