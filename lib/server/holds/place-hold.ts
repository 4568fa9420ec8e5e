import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { holdExpiryProblem } from "@/lib/domain/hold-expiry";
import { parseSelector } from "@/lib/domain/selectors";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";

// "Don't tip our hand": while an intrusion is observed, containment of the entity is
// withheld. decide() reads active holds (find-active-holds.ts) and suppresses with the
// hold's reason, so every withheld decision says who held it, why and until when.

/** The entities a hold can name; a case is held through the entity it is about. */
export const HOLD_KINDS = ["ip", "cidr", "host", "account"] as const;

export const ZPlaceHold = z.object({
  selector: z
    .object({ kind: z.enum(HOLD_KINDS, "Choose IP, CIDR, host or account."), value: z.string("Name the entity to hold.") })
    .transform((input, ctx) => {
      const parsed = parseSelector(input.kind, input.value);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: "custom", message: parsed.error, path: ["value"] });
      return z.NEVER;
    }),
  reason: z.string("Say why: the hold's reason is shown in every decision it withholds.").trim().min(3, "Say why (at least 3 characters): every withheld decision quotes it.").max(500, "At most 500 characters."),
  expiresAt: z.iso.datetime({ offset: true, error: "Give the date and time the hold ends." }).transform((s) => new Date(s)),
});

export type TPlaceHold = z.output<typeof ZPlaceHold>;

export async function placeHold(
  client: TDb,
  options: { input: TPlaceHold; actor: TAuditActor; now?: Date },
): Promise<{ holdId: string; expiresAt: Date }> {
  const { input, actor } = options;
  const now = options.now ?? new Date();
  const problem = holdExpiryProblem(input.expiresAt, now);
  if (problem) throw new ExpectedError("BAD_INPUT", "Some fields need fixing.", { expiresAt: [problem] });
  return client.$transaction(async (tx) => {
    const hold = await tx.investigationHold.create({
      data: { kind: "INVESTIGATION", selectorKind: input.selector.kind, selectorValue: input.selector.value, reason: input.reason, placedById: actor.id ?? "system", placedByName: actor.name, expiresAt: input.expiresAt },
    });
    await appendAudit(tx, {
      type: "HOLD_PLACED",
      actor,
      subject: { kind: input.selector.kind, value: input.selector.value },
      data: { holdId: hold.id, kind: "INVESTIGATION", selector: input.selector, reason: input.reason, expiresAt: input.expiresAt.toISOString() },
      summary: `${actor.name} placed an investigation hold on ${input.selector.kind} ${input.selector.value} until ${input.expiresAt.toISOString()}: '${input.reason}' — no containment of it meanwhile`,
    });
    return { holdId: hold.id, expiresAt: hold.expiresAt };
  });
}
