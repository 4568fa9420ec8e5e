import { db } from "@/lib/db/client";
import { auditActorOf } from "@/lib/server/auth/audit-actor";
import { ExpectedError, fieldErrorsOf } from "@/lib/server/errors";
import { jsonRoute } from "@/lib/server/http/json-route";
import { parseJsonBody } from "@/lib/server/http/parse-json-body";
import { createRegistration, ZCreateRegistration } from "@/lib/server/protected/create-registration";
import { listRegistrations, ZRegistrationQuery } from "@/lib/server/protected/list-registrations";
import { registrationScopeOf } from "@/lib/server/protected/registration-scope";

export const GET = jsonRoute("assets:view", async (request, { principal }) => {
  const query = ZRegistrationQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new ExpectedError("BAD_INPUT", query.error.issues[0]!.message, fieldErrorsOf(query.error));
  return Response.json(await listRegistrations(db(), { query: query.data, scope: registrationScopeOf(principal) }));
});

export const POST = jsonRoute("assets:edit", async (request, { principal, meta }) => {
  const input = await parseJsonBody(request, ZCreateRegistration);
  const created = await createRegistration(db(), {
    input,
    scope: registrationScopeOf(principal),
    actor: auditActorOf(principal, meta),
    actorUserId: principal.kind === "user" ? principal.id : null,
    via: "api",
  });
  return Response.json(created, { status: 201 });
});
