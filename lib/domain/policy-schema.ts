import { z } from "zod";
import { ACTION_LABELS, ACTION_TYPES, FAIL_MODES, POLICY_MODES, type TActionType, type TPolicyDocument } from "./types";

// The policy document as it is stored, signed and edited. Messages name the cell so the
// editor can show them next to it.
//
// Two levels on purpose: ZPolicyDocument is the shape every stored version must have (it
// is what the live decision reads back, so it must never start refusing a document that
// was valid when it was signed); ZEditablePolicyDocument adds the editor's rules and is
// what drafts are saved and signed with.

/** Actions that cannot be undone: a killed process stays killed. Quarantined files can be restored. */
export const IRREVERSIBLE_ACTIONS: readonly TActionType[] = ["kill_process"];

/** A containment must expire by itself; longer than this is a permanent block in disguise. */
export const MAX_TTL_SECONDS = 90 * 24 * 3600;

export const ZPolicyCell = z
  .object({
    mode: z.enum(POLICY_MODES, "Pick a mode: autonomous, escalate, forbidden or shadow."),
    minConfidence: z.number("Minimum confidence is a number between 0 and 1.").min(0, "Minimum confidence is between 0 and 1.").max(1, "Minimum confidence is between 0 and 1."),
    maxBlastRadius: z.number("Blast radius is a whole number of assets.").int("Blast radius is a whole number of assets.").min(0, "Blast radius cannot be negative."),
    ttlSeconds: z.number("A TTL is a duration such as 4h or 30m.").int().positive("A containment needs a TTL above zero: it must expire by itself."),
    requireContext: z.boolean(),
    allowIrreversible: z.boolean(),
  })
  .strict();

export const ZPolicyRule = ZPolicyCell.extend({
  action: z.enum(ACTION_TYPES),
  assetClass: z.string().min(1, "Pick an asset class."),
}).strict();

function documentSchema<R extends z.ZodType<TPolicyDocument["rules"][number]>, C extends z.ZodType<TPolicyDocument["defaultRule"]>>(rule: R, cell: C) {
  return z
    .object({
      rules: z.array(rule),
      defaultRule: cell,
      failMode: z.enum(FAIL_MODES),
      escalationSlaMinutes: z.number().int().min(1, "The escalation SLA is at least one minute.").max(7 * 24 * 60, "The escalation SLA is at most 7 days (10080 minutes)."),
      rationale: z.string().max(10_000, "Keep the rationale under 10,000 characters."),
    })
    .strict()
    .superRefine((doc, ctx) => {
      const seen = new Set<string>();
      doc.rules.forEach((r, i) => {
        const key = `${r.action}/${r.assetClass}`;
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["rules", i], message: `Two cells for ${ACTION_LABELS[r.action]} on ${r.assetClass}: keep one.` });
        seen.add(key);
      });
    });
}

export const ZPolicyDocument = documentSchema(ZPolicyRule, ZPolicyCell) satisfies z.ZodType<TPolicyDocument>;

type TCellLike = z.infer<typeof ZPolicyCell>;

/** The editor's rules for one cell; `name` is how messages refer to it ("Kill process on server"). */
function checkCell(cell: TCellLike, action: TActionType | null, name: string, ctx: z.RefinementCtx): void {
  if (cell.ttlSeconds > MAX_TTL_SECONDS) {
    ctx.addIssue({ code: "custom", path: ["ttlSeconds"], message: `${name}: a TTL of at most 90 days (90d); a containment must expire by itself.` });
  }
  if (action && IRREVERSIBLE_ACTIONS.includes(action) && cell.mode === "autonomous" && !cell.allowIrreversible) {
    ctx.addIssue({
      code: "custom",
      path: ["allowIrreversible"],
      message: `${name}: ${ACTION_LABELS[action]} cannot be undone. Tick "Allow irreversible" to acknowledge that Reflex may do it on its own, or choose another mode.`,
    });
  }
}

// Refinements sit on each cell (not on the document) so that one bad cell does not hide
// the messages of the others: zod skips a document-level refinement while any cell fails.
export const ZEditablePolicyCell = ZPolicyCell.superRefine((cell, ctx) => checkCell(cell, null, "Default rule", ctx));
export const ZEditablePolicyRule = ZPolicyRule.superRefine((rule, ctx) => checkCell(rule, rule.action, `${ACTION_LABELS[rule.action]} on ${rule.assetClass}`, ctx));

/** What a draft must satisfy to be saved (and, with the signing checks, signed). */
export const ZEditablePolicyDocument = documentSchema(ZEditablePolicyRule, ZEditablePolicyCell) satisfies z.ZodType<TPolicyDocument>;
