import { z } from "zod";
import { ZContextEventJson } from "@/lib/ingest/context-event";
import { ZGenericAlert } from "@/lib/ingest/formats/generic";
import { MAX_ALERT_BATCH } from "@/lib/ingest/parse-alerts";
import { ZReleaseRequest } from "@/lib/server/containments/release-containment";
import { ZKillSwitchChange } from "@/lib/server/pipeline/set-kill-switch";
import { componentSchemas, ref, type TNamedSchema } from "./json-schema";
import * as R from "./response-schemas";

// The reusable parts of the document: schemas (request bodies from the zod schemas the
// routes parse with, answers from response-schemas.ts) and the error answers.

const REQUEST_SCHEMAS: TNamedSchema[] = [
  { id: "GenericAlert", schema: ZGenericAlert, description: "Reflex's own alert format (strict: unknown fields are errors). docs/ALERT-FORMATS.md." },
  { id: "GenericAlertBatch", schema: z.array(ZGenericAlert).min(1).max(MAX_ALERT_BATCH), description: `A batch: all or nothing, at most ${MAX_ALERT_BATCH} alerts.` },
  { id: "GenericAlertEnvelope", schema: z.object({ alerts: z.array(ZGenericAlert).min(1).max(MAX_ALERT_BATCH) }), description: "A batch in Reflex's envelope." },
  {
    id: "VendorAlertPayload",
    schema: z.union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))]),
    description:
      "A vendor payload as the sender posts it: Prometheus Alertmanager webhook, OCSF finding(s), Elastic Security (Kibana Webhook connector), " +
      "Splunk webhook alert action, Wazuh alerts.json line(s) or CrowdSec alerts. The format is detected from the first item, or named with `?format=`. " +
      "Fields each format needs: docs/ALERT-FORMATS.md.",
  },
  { id: "ContextEventLine", schema: ZContextEventJson, description: "One line of a JSON-lines upload to POST /api/v1/events." },
  { id: "ReleaseRequest", schema: ZReleaseRequest },
  { id: "KillSwitchChange", schema: ZKillSwitchChange },
];

const RESPONSE_SCHEMAS: TNamedSchema[] = [
  { id: "ErrorBody", schema: R.ZErrorBody, description: "Every error of the /api/v1 routes. `fields` maps a field path (e.g. `alerts[3].target.value`) to what to fix." },
  { id: "AlertOutcome", schema: R.ZAlertOutcome, description: "What happened to one alert: stored (or a duplicate of one already stored), and the decision taken." },
  { id: "AlertIngestResult", schema: R.ZAlertIngestResult },
  { id: "EventIngestResult", schema: R.ZEventIngestResult, description: "Events stored, and the alerts Reflex's SSH brute-force detector raised from them." },
  { id: "Containment", schema: R.ZContainment },
  { id: "ContainmentPage", schema: R.ZContainmentPage },
  { id: "StoryEvent", schema: R.ZStoryEvent, description: "One audit event, hash-chained (docs/AUDIT.md)." },
  { id: "ContainmentStory", schema: R.ZContainmentStory },
  { id: "ReleaseResult", schema: R.ZReleaseResult },
  { id: "KillSwitchState", schema: R.ZKillSwitchState },
  { id: "CrowdSecDecision", schema: R.ZCrowdSecDecision, description: "A decision as CrowdSec's LAPI formats it; `id` is the containment's number." },
  { id: "CrowdSecStream", schema: R.ZCrowdSecStream },
  { id: "CrowdSecMessage", schema: R.ZCrowdSecMessage },
];

export function buildComponentSchemas() {
  return { ...componentSchemas(REQUEST_SCHEMAS, "input"), ...componentSchemas(RESPONSE_SCHEMAS, "output") };
}

const ERRORS = {
  400: { name: "BadInput", description: "The request is malformed or a field is invalid: `error.fields` names each field and what to fix." },
  401: { name: "Unauthenticated", description: "No API token or console session, or the token is wrong or revoked." },
  403: { name: "Forbidden", description: "The token's scope or the user's role does not include the permission this operation needs." },
  404: { name: "NotFound", description: "No such resource (for an OWNER: none on an asset they own)." },
  413: { name: "TooLarge", description: "The body is larger than 10 MiB: send smaller batches." },
  500: { name: "Internal", description: "An unexpected failure; the message carries a reference to find it in the server log." },
} as const;

export type TErrorStatus = keyof typeof ERRORS;

export function buildErrorResponses() {
  return Object.fromEntries(
    Object.values(ERRORS).map(({ name, description }) => [name, { description, content: { "application/json": { schema: ref("ErrorBody") } } }]),
  );
}

/** The `responses` entries of an operation's errors, as `$ref`s to components.responses. */
export function errorResponses(...statuses: TErrorStatus[]) {
  return Object.fromEntries([...statuses, 500 as const].map((s) => [String(s), { $ref: `#/components/responses/${ERRORS[s].name}` }]));
}

export function jsonResponse(description: string, schemaId: string, extra: Record<string, unknown> = {}) {
  return { description, content: { "application/json": { schema: ref(schemaId) } }, ...extra };
}
