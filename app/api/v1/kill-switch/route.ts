import { db } from "@/lib/db/client";
import { auditActorOf } from "@/lib/server/auth/audit-actor";
import { parseJsonBody } from "@/lib/server/http/parse-json-body";
import { jsonRoute } from "@/lib/server/http/json-route";
import { readKillSwitch } from "@/lib/server/pipeline/kill-switch";
import { setKillSwitch, ZKillSwitchChange } from "@/lib/server/pipeline/set-kill-switch";

export const GET = jsonRoute("policy:view", async () => Response.json(await readKillSwitch(db())));

export const POST = jsonRoute("killswitch:toggle", async (request, { principal, meta }) => {
  const change = await parseJsonBody(request, ZKillSwitchChange);
  return Response.json(await setKillSwitch(db(), { change, actor: auditActorOf(principal, meta) }));
});
