import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";

export const ZLiftHold = z.object({
  holdId: z.uuid("Unknown hold."),
  reason: z.string("Say why it is lifted early.").trim().min(3, "Say why (at least 3 characters): it goes in the audit log.").max(500, "At most 500 characters."),
});
export type TLiftHold = z.infer<typeof ZLiftHold>;

/** Lifts a hold before its expiry: the next decision about the entity may contain it again. */
export async function liftHold(client: TDb, options: { input: TLiftHold; actor: TAuditActor; now?: Date }): Promise<{ holdId: string }> {
  const { input, actor } = options;
  const now = options.now ?? new Date();
  return client.$transaction(async (tx) => {
    // Conditional, so two people lifting at once lift it once and the second is told.
    const lifted = await tx.investigationHold.updateMany({
      where: { id: input.holdId, liftedAt: null, expiresAt: { gt: now } },
      data: { liftedAt: now, liftedById: actor.id ?? null, liftedByName: actor.name, liftReason: input.reason },
    });
    const hold = await tx.investigationHold.findUnique({ where: { id: input.holdId } });
    if (!hold) throw new ExpectedError("NOT_FOUND", "No hold with that id.");
    if (lifted.count === 0) {
      const already = hold.liftedAt ? `was already lifted by ${hold.liftedByName ?? "someone"}` : "has already expired";
      throw new ExpectedError("CONFLICT", `This hold on ${hold.selectorValue} ${already}. Nothing changed.`);
    }
    const selector = { kind: hold.selectorKind, value: hold.selectorValue };
    await appendAudit(tx, {
      type: "HOLD_LIFTED",
      actor,
      subject: selector,
      data: { holdId: hold.id, selector, reason: input.reason },
      summary: `${actor.name} lifted the ${hold.kind === "INVESTIGATION" ? "investigation hold" : "release hold-off"} on ${hold.selectorValue} early: '${input.reason}'`,
    });
    return { holdId: hold.id };
  });
}
