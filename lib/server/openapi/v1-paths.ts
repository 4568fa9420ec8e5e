import { z } from "zod";
import { CONTEXT_EVENT_KINDS, MAX_EVENT_LINES } from "@/lib/ingest/context-event";
import { MAX_ALERT_BATCH, POSTABLE_ALERT_FORMATS } from "@/lib/ingest/parse-alerts";
import { ZContainmentQuery } from "@/lib/server/containments/list-containments";
import { MAX_BODY_BYTES } from "@/lib/server/http/read-body";
import { errorResponses, jsonResponse } from "./components";
import { jsonSchemaOf, queryParameters, ref } from "./json-schema";
import { accessFor, describeAccess, type TAccess } from "./security";
import { AUDIT_V1_PATHS } from "@/lib/server/audit-feed/openapi-paths";
import { PROTECTED_ASSETS_V1_PATHS } from "@/lib/server/protected/openapi-paths";

// The /api/v1 operations. Request schemas are the routes' own zod schemas; the two query
// schemas the alert and event routes declare inside their route files (which may export
// only handlers) are restated here from the same constants, and tests/api checks the
// routes accept exactly these values.

const ZAlertsQuery = z.object({ format: z.enum(POSTABLE_ALERT_FORMATS).optional() });
const ZIdempotencyKey = z.string().min(1).max(200);
const ZEventsQuery = z.object({ format: z.enum(["jsonl", "sshd"]).default("jsonl") });

/** An operation guarded by jsonRoute(permission): its security, extensions and a sentence on access. */
function guarded(permission: Parameters<typeof accessFor>[0], description: string) {
  const access: TAccess = accessFor(permission);
  return { ...access, description: `${description}\n\n${describeAccess(access)}` };
}

const MIB = MAX_BODY_BYTES / 1024 / 1024;

const GENERIC_EXAMPLE = {
  source: "edge-ids",
  id: "evt-8812",
  rule: "ssh-bruteforce",
  title: "SSH brute force from 45.155.205.7",
  severity: "high",
  time: "2025-05-31T23:58:00+02:00",
  target: { kind: "ip", value: "45.155.205.7" },
  entities: [{ kind: "account", value: "root", role: "related" }],
};

const ingestAlerts = {
  operationId: "ingestAlerts",
  tags: ["alerts"],
  summary: "Send one alert or a batch",
  ...guarded(
    "alerts:ingest",
    "Stores the alerts, then decides each one under the signed policy (contain, escalate, suppress…), before answering. " +
      `Accepts Reflex's generic format and vendor formats (${POSTABLE_ALERT_FORMATS.filter((f) => f !== "generic").join(", ")}), ` +
      "**detected automatically** from the first item unless `format` names one. " +
      `A batch is all or nothing (at most ${MAX_ALERT_BATCH} alerts, ${MIB} MiB): one invalid item rejects the request and nothing is stored. ` +
      "A retry of an alert already stored (same source and id, or the same `Idempotency-Key`) is answered with `duplicate: true` and decided once. " +
      "Alerts that name nothing to contain are stored for context with `rejected` set.",
  ),
  parameters: [
    ...queryParameters(ZAlertsQuery, { format: "Name the format instead of letting Reflex detect it." }),
    {
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "Any string (≤ 200 characters) the sender reuses on retries of the same request: the retry is answered with the alerts stored the first time, marked `duplicate`.",
      schema: jsonSchemaOf(ZIdempotencyKey, "input"),
    },
  ],
  requestBody: {
    required: true,
    content: {
      "application/json": {
        schema: { anyOf: [ref("GenericAlert"), ref("GenericAlertBatch"), ref("GenericAlertEnvelope"), ref("VendorAlertPayload")] },
        examples: {
          generic: { summary: "One alert in Reflex's format", value: GENERIC_EXAMPLE },
          batch: { summary: "A batch", value: { alerts: [GENERIC_EXAMPLE, { ...GENERIC_EXAMPLE, id: "evt-8813", target: { kind: "ip", value: "45.155.205.8" } }] } },
        },
      },
    },
  },
  responses: {
    "200": jsonResponse("One outcome per alert, in the order posted (vendor payloads: one per alert they expand to).", "AlertIngestResult"),
    ...errorResponses(400, 401, 403, 413),
  },
};

const ingestEvents = {
  operationId: "ingestEvents",
  tags: ["events"],
  summary: "Send context events (JSON lines or sshd logs)",
  ...guarded(
    "events:ingest",
    "Context events answer \"did this address do anything legitimate lately?\" and feed Reflex's SSH brute-force detector, whose alerts are decided like any other. " +
      `At most ${MAX_EVENT_LINES} lines and ${MIB} MiB per request. JSON lines are all or nothing (errors name the line: \`line 3.source_ip\`); ` +
      "sshd logs skip lines that are not sshd's.",
  ),
  parameters: queryParameters(ZEventsQuery, { format: "`jsonl` (default): one ContextEventLine a line; `sshd`: auth.log / secure / journalctl text." }),
  requestBody: {
    required: true,
    content: {
      "application/x-ndjson": {
        schema: { type: "string", description: `One JSON object a line, each a ContextEventLine (kind: ${CONTEXT_EVENT_KINDS.join(", ")}).` },
        example: '{"time":"2025-01-31T12:00:00Z","kind":"auth_failure","source_ip":"45.155.205.7","account":"root","host":"web-01"}\n',
      },
      "text/plain": {
        schema: { type: "string", description: "With `format=sshd`: sshd log lines." },
        example: "Jan 31 12:00:01 web-01 sshd[4242]: Failed password for root from 45.155.205.7 port 52144 ssh2\n",
      },
    },
  },
  responses: { "200": jsonResponse("Events stored and detections made.", "EventIngestResult"), ...errorResponses(400, 401, 403, 413) },
};

const listContainments = {
  operationId: "listContainments",
  tags: ["containments"],
  summary: "List containments, newest first",
  ...guarded("containment:view", "Keyset-paginated: pass the answer's `nextCursor` as `cursor` for the next page."),
  parameters: queryParameters(ZContainmentQuery, {
    target: "An IP, CIDR, host or account. An IP also finds the CIDR containments that cover it; a CIDR finds the IPs inside it.",
    status: "Only containments in this state.",
    cursor: "The `nextCursor` of the previous page.",
    limit: "Page size.",
  }),
  responses: { "200": jsonResponse("A page of containments.", "ContainmentPage"), ...errorResponses(400, 401, 403) },
};

const ID_PARAMETER = { name: "id", in: "path", required: true, description: "The containment's id.", schema: { type: "string" } };

const getContainment = {
  operationId: "getContainment",
  tags: ["containments"],
  summary: "One containment with its audit story",
  ...guarded("containment:view", "The containment and every audit event about it, its decision and its alert, oldest first: ALERT_RECEIVED … DECIDED, CONTAINMENT_EXECUTED, and its end."),
  parameters: [ID_PARAMETER],
  responses: { "200": jsonResponse("The containment and its story.", "ContainmentStory"), ...errorResponses(401, 403, 404) },
};

const releaseContainment = {
  operationId: "releaseContainment",
  tags: ["containments"],
  summary: "Release a containment",
  ...guarded(
    "containment:release",
    "Ends the containment; enforcement points drop it at their next pull. Idempotent: releasing one already ended changes nothing and answers `alreadyReleased: true` (both requests are audited). " +
      "`holdOffSeconds` also keeps Reflex from containing the same target again for that long.",
  ),
  parameters: [ID_PARAMETER],
  requestBody: { required: true, content: { "application/json": { schema: ref("ReleaseRequest"), example: { reason: "partner's scanner, confirmed with them", holdOffSeconds: 3600 } } } },
  responses: { "200": jsonResponse("Released, or already ended.", "ReleaseResult"), ...errorResponses(400, 401, 403, 404) },
};

const killSwitch = {
  get: {
    operationId: "getKillSwitch",
    tags: ["kill-switch"],
    summary: "Is autonomous execution paused?",
    ...guarded("policy:view", "While the kill switch is engaged every decision escalates to a person."),
    responses: { "200": jsonResponse("The kill switch's state.", "KillSwitchState"), ...errorResponses(401, 403) },
  },
  post: {
    operationId: "setKillSwitch",
    tags: ["kill-switch"],
    summary: "Engage or disengage the kill switch",
    ...guarded("killswitch:toggle", "Audited with the reason."),
    requestBody: { required: true, content: { "application/json": { schema: ref("KillSwitchChange"), example: { engaged: true, reason: "incident review" } } } },
    responses: { "200": jsonResponse("The new state.", "KillSwitchState"), ...errorResponses(400, 401, 403) },
  },
};

const blocklist = {
  operationId: "getBlocklist",
  tags: ["feeds"],
  summary: "The blocklist feed (External Dynamic List)",
  ...guarded(
    "feed:read",
    "Every active `block_ip` containment, one address or CIDR a line, canonical, sorted (IPv4 first), `\\n` after each; empty when nothing is blocked. " +
      "Firewalls poll it (docs/ENFORCEMENT.md); each pull is recorded on the token's enforcement point.",
  ),
  parameters: [{ name: "If-None-Match", in: "header", required: false, description: "The ETag of the copy the device has: 304 while unchanged.", schema: { type: "string" } }],
  responses: {
    "200": {
      description: "The list.",
      headers: { ETag: { description: "Strong hash of the body.", schema: { type: "string" } } },
      content: { "text/plain": { schema: { type: "string" }, example: "45.155.205.7\n91.240.118.0/24\n" } },
    },
    "304": { description: "Not modified since the ETag in If-None-Match." },
    ...errorResponses(401, 403),
  },
};

const openApiDocument = {
  operationId: "getOpenApiDocument",
  tags: ["meta"],
  summary: "This document",
  description: "The OpenAPI 3.1 description of the public API, generated from the zod schemas the routes validate with. No authentication.",
  security: [],
  responses: { "200": { description: "The document.", content: { "application/json": { schema: { type: "object" } } } } },
};

export const V1_PATHS = {
  "/api/v1/alerts": { post: ingestAlerts },
  "/api/v1/events": { post: ingestEvents },
  "/api/v1/containments": { get: listContainments },
  "/api/v1/containments/{id}": { get: getContainment },
  "/api/v1/containments/{id}/release": { post: releaseContainment },
  "/api/v1/kill-switch": killSwitch,
  "/api/v1/feeds/blocklist.txt": { get: blocklist },
  "/api/v1/openapi.json": { get: openApiDocument },
  ...AUDIT_V1_PATHS,
  ...PROTECTED_ASSETS_V1_PATHS,
};
