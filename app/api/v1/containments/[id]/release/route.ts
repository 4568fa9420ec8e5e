import { db } from "@/lib/db/client";
import { bossJobSender } from "@/lib/jobs/boss";
import { auditActorOf } from "@/lib/server/auth/audit-actor";
import { releaseContainment, ZReleaseRequest } from "@/lib/server/containments/release-containment";
import { jsonRoute } from "@/lib/server/http/json-route";
import { parseJsonBody } from "@/lib/server/http/parse-json-body";

export const POST = jsonRoute<{ id: string }>("containment:release", async (request, { principal, meta, params }) => {
  const body = await parseJsonBody(request, ZReleaseRequest);
  const ownerScopeUserId = principal.kind === "user" && principal.role === "OWNER" ? principal.id : null;
  const result = await releaseContainment(db(), {
    containmentId: params.id,
    request: body,
    actor: auditActorOf(principal, meta),
    ownerScopeUserId,
    jobs: bossJobSender,
  });
  return Response.json(result);
});
