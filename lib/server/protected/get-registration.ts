import "server-only";
import type { TDb } from "@/lib/db/client";
import { ExpectedError } from "@/lib/server/errors";
import { scopedWhere, type TRegistrationScope } from "./registration-scope";
import { REGISTRATION_SELECT, toRegistrationView, type TRegistrationView } from "./registration-view";

export async function getRegistration(client: TDb, options: { id: string; scope: TRegistrationScope }): Promise<TRegistrationView> {
  const row = await client.protectedAsset.findFirst({ where: scopedWhere(options.scope, { id: options.id }), select: REGISTRATION_SELECT });
  if (!row) throw new ExpectedError("NOT_FOUND", "No registration with that id.");
  return toRegistrationView(row);
}
