import { db } from "@/lib/db/client";
import { auditActorOf } from "@/lib/server/auth/audit-actor";
import { ExpectedError } from "@/lib/server/errors";
import { jsonRoute } from "@/lib/server/http/json-route";
import { parseJsonBody } from "@/lib/server/http/parse-json-body";
import { deleteRegistration } from "@/lib/server/protected/delete-registration";
import { getRegistration } from "@/lib/server/protected/get-registration";
import { patchRegistration } from "@/lib/server/protected/patch-registration";
import { registrationScopeOf } from "@/lib/server/protected/registration-scope";
import { updateRegistration, ZReplaceRegistration } from "@/lib/server/protected/update-registration";

type TParams = { id: string };

export const GET = jsonRoute<TParams>("assets:view", async (_request, { principal, params }) =>
  Response.json(await getRegistration(db(), { id: params.id, scope: registrationScopeOf(principal) })),
);

export const PUT = jsonRoute<TParams>("assets:edit", async (request, { principal, meta, params }) => {
  const input = await parseJsonBody(request, ZReplaceRegistration);
  return Response.json(await updateRegistration(db(), { id: params.id, input, scope: registrationScopeOf(principal), actor: auditActorOf(principal, meta) }));
});

export const PATCH = jsonRoute<TParams>("assets:edit", async (request, { principal, meta, params }) => {
  const body = await request.json().catch(() => {
    throw new ExpectedError("BAD_INPUT", "The request body is not valid JSON.");
  });
  return Response.json(await patchRegistration(db(), { id: params.id, body, scope: registrationScopeOf(principal), actor: auditActorOf(principal, meta) }));
});

export const DELETE = jsonRoute<TParams>("assets:edit", async (_request, { principal, meta, params }) =>
  Response.json(await deleteRegistration(db(), { id: params.id, scope: registrationScopeOf(principal), actor: auditActorOf(principal, meta) })),
);
