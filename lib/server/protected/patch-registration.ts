import "server-only";
import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { ExpectedError, fieldErrorsOf } from "@/lib/server/errors";
import { getRegistration } from "./get-registration";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import type { TRegistrationScope } from "./registration-scope";
import { updateRegistration, ZUpdateRegistration } from "./update-registration";
import type { TRegistrationView } from "./registration-view";

const ZPatchBody = z.record(z.string(), z.unknown(), { error: "Send a JSON object with the fields to change." });

/**
 * A partial update for API clients (CMDB sync): the fields sent replace the stored ones
 * (`requirements` field by field), and the result is validated as a whole. Based on the
 * version read here, so a change made in between is refused rather than overwritten.
 */
export async function patchRegistration(client: TDb, options: { id: string; body: unknown; scope: TRegistrationScope; actor: TAuditActor }): Promise<TRegistrationView> {
  const body = ZPatchBody.safeParse(options.body);
  if (!body.success) throw new ExpectedError("BAD_INPUT", "Some fields need fixing.", fieldErrorsOf(body.error));
  const patch = body.data;
  if ("ownerEmail" in patch || "ownerId" in patch) {
    // Silently ignoring it would let a sync believe the owner changed.
    throw new ExpectedError("BAD_INPUT", "Some fields need fixing.", { [("ownerEmail" in patch ? "ownerEmail" : "ownerId")]: ["The owner is not changed here: hand the registration over in the console"] });
  }
  const current = await getRegistration(client, { id: options.id, scope: options.scope });
  const requirements = typeof patch.requirements === "object" && patch.requirements !== null ? { ...current.requirements, ...patch.requirements } : (patch.requirements ?? current.requirements);
  const merged = ZUpdateRegistration.safeParse({
    selector: current.selector,
    businessService: current.businessService,
    businessUnit: current.businessUnit,
    assetClass: current.assetClass,
    criticality: current.criticality,
    justification: current.justification,
    onCallContact: current.onCallContact,
    editVersion: current.editVersion,
    ...patch,
    requirements,
  });
  if (!merged.success) throw new ExpectedError("BAD_INPUT", "Some fields need fixing.", fieldErrorsOf(merged.error));
  return updateRegistration(client, { id: options.id, input: merged.data, scope: options.scope, actor: options.actor });
}
