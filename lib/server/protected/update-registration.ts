import "server-only";
import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { canonicalJson } from "@/lib/domain/canonical-json";
import { ZRegistrationInput } from "@/lib/domain/registration-input";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { recordRegistrationChange, registrationName } from "./record-registration-change";
import { assertAssetClass, assertNotYetRegistered, writeNotYetRegistered } from "./registration-refs";
import { assertEditVersion, loadRegistrationForChange, type TRegistrationScope } from "./registration-scope";
import { REGISTRATION_SELECT, registrationColumns, toRegistrationView, type TRegistrationView } from "./registration-view";

export const ZUpdateRegistration = ZRegistrationInput.extend({
  /** The editVersion the editor loaded; omitted (API), the last write wins. */
  editVersion: z.number().int().min(1).optional(),
});
export type TUpdateRegistration = z.output<typeof ZUpdateRegistration>;

const OWNER_NOT_HERE = "The owner is not changed here: hand the registration over in the console";
/** PUT's body: a whole registration; naming an owner is refused rather than silently ignored. */
export const ZReplaceRegistration = ZUpdateRegistration.extend({
  ownerEmail: z.undefined({ error: OWNER_NOT_HERE }).optional(),
  ownerId: z.undefined({ error: OWNER_NOT_HERE }).optional(),
});

const FIELDS = ["selector", "businessService", "businessUnit", "assetClass", "criticality", "justification", "onCallContact", "requirements"] as const;

/** Changes a registration's fields; its certification and owner stay as they are. */
export async function updateRegistration(
  client: TDb,
  options: { id: string; input: TUpdateRegistration; scope: TRegistrationScope; actor: TAuditActor },
): Promise<TRegistrationView> {
  const { id, input, scope, actor } = options;
  return client.$transaction(async (tx) => {
    const current = await loadRegistrationForChange(tx, scope, id);
    assertEditVersion(current, input.editVersion);
    await assertAssetClass(tx, input.assetClass);
    await assertNotYetRegistered(tx, current.owner, input.selector, "selector.value", id);
    const changed = FIELDS.filter((f) => canonicalJson(current[f]) !== canonicalJson(input[f]));
    const row = await writeNotYetRegistered(current.owner, input.selector, "selector.value", () =>
      tx.protectedAsset.update({
        where: { id },
        data: {
          ...registrationColumns(input),
          editVersion: { increment: 1 },
        },
        select: REGISTRATION_SELECT,
      }),
    );
    const view = toRegistrationView(row);
    await recordRegistrationChange(tx, {
      actor,
      change: "edited",
      registration: view,
      summary: changed.length === 0 ? `${actor.name} saved ${registrationName(view)} without changes` : `${actor.name} edited ${registrationName(view)}: ${changed.join(", ")}`,
      details: { changed, before: Object.fromEntries(changed.map((f) => [f, current[f]])), editVersion: view.editVersion },
    });
    return view;
  });
}
