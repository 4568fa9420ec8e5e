import { z } from "zod";
import { db } from "@/lib/db/client";
import { parseAlertPayload, POSTABLE_ALERT_FORMATS } from "@/lib/ingest/parse-alerts";
import { bossJobSender } from "@/lib/jobs/boss";
import { auditActorOf } from "@/lib/server/auth/audit-actor";
import { ExpectedError } from "@/lib/server/errors";
import { jsonRoute } from "@/lib/server/http/json-route";
import { readJsonBody } from "@/lib/server/http/read-body";
import { acceptAlerts } from "@/lib/server/pipeline/accept-alerts";

const ZQuery = z.object({
  format: z.enum(POSTABLE_ALERT_FORMATS, { message: `format must be one of ${POSTABLE_ALERT_FORMATS.join(", ")}` }).optional(),
});
const ZIdempotencyKey = z.string().trim().min(1).max(200, "Idempotency-Key is at most 200 characters.").optional();

export const POST = jsonRoute("alerts:ingest", async (request, { principal, meta }) => {
  const query = ZQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new ExpectedError("BAD_INPUT", query.error.issues[0]!.message, { format: [query.error.issues[0]!.message] });
  const key = ZIdempotencyKey.safeParse(request.headers.get("idempotency-key") ?? undefined);
  if (!key.success) throw new ExpectedError("BAD_INPUT", key.error.issues[0]!.message);
  const body = await readJsonBody(request);
  const parsed = parseAlertPayload(body, { format: query.data.format, receivedAt: new Date() });
  if (!parsed.ok) {
    const fields: Record<string, string[]> = {};
    for (const e of parsed.errors) (fields[e.path || "body"] ??= []).push(e.message);
    throw new ExpectedError("BAD_INPUT", `The alert payload was rejected: ${parsed.errors[0]?.path ? `${parsed.errors[0].path}: ` : ""}${parsed.errors[0]?.message ?? "invalid"}`, fields);
  }
  const outcomes = await acceptAlerts(db(), { alerts: parsed.alerts, idempotencyKey: key.data, actor: auditActorOf(principal, meta), jobs: bossJobSender });
  return Response.json({
    format: parsed.format,
    accepted: outcomes.filter((o) => !o.duplicate).length,
    duplicates: outcomes.filter((o) => o.duplicate).length,
    skipped: parsed.skipped,
    alerts: outcomes,
  });
});
