import { z } from "zod";
import { db } from "@/lib/db/client";
import { parseContextEventJson } from "@/lib/ingest/context-event";
import { parseSshdLog } from "@/lib/ingest/sshd";
import { bossJobSender } from "@/lib/jobs/boss";
import { auditActorOf } from "@/lib/server/auth/audit-actor";
import { ExpectedError } from "@/lib/server/errors";
import { jsonRoute } from "@/lib/server/http/json-route";
import { readBodyText } from "@/lib/server/http/read-body";
import { ingestContextEvents } from "@/lib/server/pipeline/ingest-context-events";

const ZQuery = z.object({ format: z.enum(["jsonl", "sshd"], { message: "format must be jsonl (default) or sshd" }).default("jsonl") });

export const POST = jsonRoute("events:ingest", async (request, { principal, meta }) => {
  const query = ZQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new ExpectedError("BAD_INPUT", query.error.issues[0]!.message);
  const text = await readBodyText(request);
  let events;
  if (query.data.format === "sshd") {
    events = parseSshdLog(text, { reference: new Date() }).events;
  } else {
    const parsed = parseContextEventJson(text);
    if (!parsed.ok) {
      const fields: Record<string, string[]> = {};
      for (const e of parsed.errors) (fields[e.path || "body"] ??= []).push(e.message);
      const first = parsed.errors[0];
      throw new ExpectedError("BAD_INPUT", `Events rejected: ${first?.path ? `${first.path}: ` : ""}${first?.message ?? "invalid"}`, fields);
    }
    events = parsed.events;
  }
  const result = await ingestContextEvents(db(), { events, jobs: bossJobSender, actor: auditActorOf(principal, meta) });
  return Response.json(result);
});
