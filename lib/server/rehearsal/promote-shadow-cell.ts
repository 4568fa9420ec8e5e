import "server-only";
import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { effectiveCell, withCell } from "@/lib/domain/policy-grid";
import { cellSubject, confidenceText } from "@/lib/domain/policy-wording";
import { daysWindow, REHEARSAL_DAYS } from "@/lib/domain/report-window";
import { ACTION_TYPES } from "@/lib/domain/types";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";
import { createPolicyDraft } from "@/lib/server/policy/create-policy-draft";
import { loadActivePolicy } from "@/lib/server/policy/load-active-policy";
import { loadRehearsal } from "./load-rehearsal";

export const ZPromoteShadowCell = z.object({
  playbookKey: z.string().min(1, "Name the playbook whose rehearsal is the evidence."),
  action: z.enum(ACTION_TYPES, "Pick an action of the policy grid."),
  assetClass: z.string().min(1, "Pick an asset class of the policy grid."),
  windowDays: z.union(REHEARSAL_DAYS.map((d) => z.literal(d)), `The rehearsal window is ${REHEARSAL_DAYS.join(", ")} days.`),
});
export type TPromoteShadowCell = z.infer<typeof ZPromoteShadowCell>;

/**
 * "Promote to autonomous": a new policy draft, copied from the active policy, with one
 * shadow cell switched to autonomous and its thresholds kept. The rehearsal's figures go
 * into the draft's audit event as the evidence. Nothing changes until a CISO signs the
 * draft, so SOC may propose it (policy:promote) but never put it in force.
 */
export async function promoteShadowCell(client: TDb, options: { input: TPromoteShadowCell; userId: string; actor: TAuditActor; now: Date }) {
  const { input } = options;
  const active = await loadActivePolicy(client);
  if (!active) throw new ExpectedError("CONFLICT", "No policy is active: there is no shadow cell to promote. A CISO signs a policy first.");
  const { cell } = effectiveCell(active.document, input.action, input.assetClass);
  const subject = cellSubject(input.action, input.assetClass);
  if (cell.mode !== "shadow") {
    throw new ExpectedError("CONFLICT", `${subject} is ${cell.mode} in the active policy v${active.version}, not shadow: only a rehearsed cell can be promoted.`);
  }
  const window = daysWindow(options.now, input.windowDays);
  const rehearsal = await loadRehearsal(client, { playbookKey: input.playbookKey, ...window });
  const evidence = rehearsal.cells.find((c) => c.action === input.action && c.assetClass === input.assetClass);
  if (!evidence || evidence.wouldHaveActed === 0) {
    throw new ExpectedError("CONFLICT", `In the last ${input.windowDays} days the ${input.playbookKey} rehearsal would not have acted once on ${subject}: there is no evidence to promote on yet.`, {
      windowDays: ["Pick a longer window, or let the rehearsal run longer."],
    });
  }
  const median = evidence.medianConfidence === null ? "n/a" : confidenceText(evidence.medianConfidence);
  return createPolicyDraft(client, {
    document: withCell(active.document, input.action, input.assetClass, { ...cell, mode: "autonomous" }),
    createdById: options.userId,
    basedOnId: active.id,
    actor: options.actor,
    permission: "policy:promote",
    origin: {
      summary: `promote ${subject} from shadow to autonomous (rehearsal of ${input.playbookKey} over ${input.windowDays} days: would have acted ${evidence.wouldHaveActed} times, ${evidence.falsePositives} later judged false positives, median confidence ${median}); awaits a CISO's signature`,
      details: {
        promotion: {
          playbookKey: input.playbookKey,
          action: input.action,
          assetClass: input.assetClass,
          windowDays: input.windowDays,
          shadowed: evidence.shadowed,
          wouldHaveActed: evidence.wouldHaveActed,
          falsePositives: evidence.falsePositives,
          medianConfidence: evidence.medianConfidence,
        },
      },
    },
  });
}
