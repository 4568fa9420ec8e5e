import "server-only";
import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";
import { recordRegistrationChange, registrationName } from "./record-registration-change";
import { assertNotYetRegistered, resolveOwner, writeNotYetRegistered } from "./registration-refs";
import { loadRegistrationForChange, type TRegistrationScope } from "./registration-scope";
import { REGISTRATION_SELECT, toRegistrationView, type TRegistrationView } from "./registration-view";

export const ZHandOver = z.object({
  id: z.string().min(1),
  toOwnerId: z.string({ error: "Pick the new owner." }).min(1, "Pick the new owner."),
  note: z.string().trim().max(500, "Keep the note under 500 characters.").default(""),
});
export type THandOver = z.output<typeof ZHandOver>;

/** Gives a registration to another owner, who from then on sees and maintains it (and the previous owner no longer does). */
export async function handOverRegistration(client: TDb, options: { handOver: THandOver; scope: TRegistrationScope; actor: TAuditActor }): Promise<TRegistrationView> {
  const { handOver, scope, actor } = options;
  return client.$transaction(async (tx) => {
    const current = await loadRegistrationForChange(tx, scope, handOver.id);
    const to = await resolveOwner(tx, { id: handOver.toOwnerId }, "toOwnerId");
    if (to.id === current.owner.id) {
      throw new ExpectedError("BAD_INPUT", "Some fields need fixing.", { toOwnerId: [`${to.name} already owns this registration`] });
    }
    await assertNotYetRegistered(tx, to, current.selector, "toOwnerId");
    const row = await writeNotYetRegistered(to, current.selector, "toOwnerId", () =>
      tx.protectedAsset.update({
        where: { id: current.id },
        data: { ownerId: to.id, editVersion: { increment: 1 } },
        select: REGISTRATION_SELECT,
      }),
    );
    const view = toRegistrationView(row);
    await recordRegistrationChange(tx, {
      actor,
      change: "handed_over",
      registration: view,
      summary: `${actor.name} handed ${registrationName(view)} over from ${current.owner.name} to ${to.name}${handOver.note ? `: ${handOver.note}` : ""}`,
      details: { from: current.owner.email, to: to.email, ...(handOver.note ? { note: handOver.note } : {}) },
    });
    return view;
  });
}
