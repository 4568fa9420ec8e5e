"use server";

import { z } from "zod";
import { db } from "@/lib/db/client";
import { defineAction } from "@/lib/server/action-client";
import { auditActorOf } from "@/lib/server/auth/audit-actor";
import { createRegistration, ZCreateRegistration } from "@/lib/server/protected/create-registration";
import { deleteRegistration } from "@/lib/server/protected/delete-registration";
import { handOverRegistration, ZHandOver } from "@/lib/server/protected/hand-over-registration";
import { importRegistrations, ZImportRequest } from "@/lib/server/protected/import-registrations";
import { recertifyRegistration } from "@/lib/server/protected/recertify-registration";
import { registrationScopeOf } from "@/lib/server/protected/registration-scope";
import { updateRegistration, ZUpdateRegistration } from "@/lib/server/protected/update-registration";

const ZId = z.object({ id: z.string().min(1, "Unknown registration.") });

export const createRegistrationAction = defineAction(
  { name: "createRegistration", permission: "assets:edit", input: ZCreateRegistration },
  async (input, { user, meta }) => {
    const view = await createRegistration(db(), { input, scope: registrationScopeOf(user), actor: auditActorOf(user, meta), actorUserId: user.id, via: "console" });
    return { id: view.id };
  },
);

export const updateRegistrationAction = defineAction(
  { name: "updateRegistration", permission: "assets:edit", input: ZUpdateRegistration.extend(ZId.shape) },
  async ({ id, ...input }, { user, meta }) => {
    const view = await updateRegistration(db(), { id, input, scope: registrationScopeOf(user), actor: auditActorOf(user, meta) });
    return { id: view.id, editVersion: view.editVersion };
  },
);

export const deleteRegistrationAction = defineAction(
  { name: "deleteRegistration", permission: "assets:edit", input: ZId },
  async ({ id }, { user, meta }) => deleteRegistration(db(), { id, scope: registrationScopeOf(user), actor: auditActorOf(user, meta) }),
);

export const handOverRegistrationAction = defineAction(
  { name: "handOverRegistration", permission: "assets:edit", input: ZHandOver },
  async (handOver, { user, meta }) => {
    const view = await handOverRegistration(db(), { handOver, scope: registrationScopeOf(user), actor: auditActorOf(user, meta) });
    return { id: view.id, owner: view.owner.name };
  },
);

export const recertifyRegistrationAction = defineAction(
  { name: "recertifyRegistration", permission: "assets:edit", input: ZId },
  async ({ id }, { user, meta }) => {
    const view = await recertifyRegistration(db(), { id, scope: registrationScopeOf(user), actor: auditActorOf(user, meta) });
    return { id: view.id, certifiedAt: view.certifiedAt, expiresAt: view.expiresAt };
  },
);

export const importRegistrationsAction = defineAction(
  { name: "importRegistrations", permission: "assets:edit", input: ZImportRequest },
  async (request, { user, meta }) =>
    importRegistrations(db(), { request, scope: registrationScopeOf(user), actor: auditActorOf(user, meta), actorUserId: user.id }),
);
