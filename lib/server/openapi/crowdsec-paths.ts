import { ref } from "./json-schema";
import { CROWDSEC_ACCESS } from "./security";

// The CrowdSec-compatible bouncer API (docs/ENFORCEMENT.md). It answers the way CrowdSec's
// Local API does, so unmodified bouncers work: the key in X-Api-Key, errors as
// {"message": …}, and 403 "access forbidden" for a missing, wrong or revoked key.

const ACCESS = {
  ...CROWDSEC_ACCESS,
  "x-reflex-note": "A missing, wrong, revoked or other-scope key is 403 {\"message\":\"access forbidden\"}, as from CrowdSec (not 401).",
};

const message = (description: string) => ({ description, content: { "application/json": { schema: ref("CrowdSecMessage") } } });
const FORBIDDEN = message("Missing, wrong or revoked key, or a token that is neither `bouncer` nor `admin`.");
const csv = (name: string, description: string) => ({ name, in: "query", required: false, description: `${description} Comma list, case-insensitive.`, schema: { type: "string" } });

const FILTERS = [
  csv("origins", "Only decisions of these origins (Reflex's are `reflex`)."),
  csv("scenarios_containing", "Only decisions whose scenario contains one of these words."),
  csv("scenarios_not_containing", "Only decisions whose scenario contains none of these words."),
];

const decisions = {
  get: {
    operationId: "crowdsecDecisions",
    tags: ["crowdsec"],
    summary: "Live mode: the decisions that match an address or range",
    description:
      "What CrowdSec's `GET /v1/decisions` answers: the containments in force that match, or the JSON `null` when none does. " +
      "An address matches its own decision and every `Range` that contains it. Lookups are recorded on the enforcement point at most once a minute.",
    ...ACCESS,
    parameters: [
      { name: "ip", in: "query", required: false, description: "An IPv4 or IPv6 address (or a range).", schema: { type: "string" } },
      { name: "range", in: "query", required: false, description: "A CIDR range.", schema: { type: "string" } },
      { name: "scope", in: "query", required: false, description: "`ip` or `range`, with `value`; other scopes match nothing.", schema: { type: "string" } },
      { name: "value", in: "query", required: false, description: "The address or range, with `scope`.", schema: { type: "string" } },
      { name: "type", in: "query", required: false, description: "Reflex issues `ban` only; other types match nothing.", schema: { type: "string" } },
      { name: "contains", in: "query", required: false, description: "`false`: decisions inside the range instead of containing it.", schema: { type: "string", enum: ["true", "false"], default: "true" } },
      csv("scopes", "Only decisions of these scopes (`ip`, `range`)."),
      ...FILTERS,
    ],
    responses: {
      "200": {
        description: "The matching decisions, or `null`.",
        content: { "application/json": { schema: { anyOf: [{ type: "array", items: ref("CrowdSecDecision") }, { type: "null" }] } } },
      },
      "400": message("The value is not an address or a range."),
      "403": FORBIDDEN,
      "500": message("An unexpected failure, with a reference."),
    },
  },
  head: {
    operationId: "crowdsecDecisionsProbe",
    tags: ["crowdsec"],
    summary: "Probe the key",
    ...ACCESS,
    responses: { "200": { description: "The key is valid." }, "403": { description: "It is not." } },
  },
};

const stream = {
  get: {
    operationId: "crowdsecDecisionStream",
    tags: ["crowdsec"],
    summary: "Stream mode: what changed since this key's last pull",
    description:
      "`startup=true` (or a key's first pull) answers every decision in force in `new`; later pulls answer what became active (`new`) and what was released or expired (`deleted`, negative `duration`) since the previous pull of the same key. " +
      "Nothing is skipped under concurrent writes: the cursor is a transaction-id horizon (docs/ENFORCEMENT.md).",
    ...ACCESS,
    parameters: [
      { name: "startup", in: "query", required: false, description: "`true` on the bouncer's first pull after it starts.", schema: { type: "string", enum: ["true", "false"], default: "false" } },
      csv("scopes", "Only decisions of these scopes; default `ip,range`."),
      ...FILTERS,
    ],
    responses: {
      "200": { description: "New and deleted decisions (empty lists are `[]`).", content: { "application/json": { schema: ref("CrowdSecStream") } } },
      "403": FORBIDDEN,
      "500": message("An unexpected failure, with a reference."),
    },
  },
  head: {
    operationId: "crowdsecDecisionStreamProbe",
    tags: ["crowdsec"],
    summary: "Probe the key without moving its cursor",
    ...ACCESS,
    responses: { "200": { description: "The key is valid." }, "403": { description: "It is not." } },
  },
};

const usageMetrics = {
  post: {
    operationId: "crowdsecUsageMetrics",
    tags: ["crowdsec"],
    summary: "Bouncer usage metrics (accepted and dropped)",
    description: "Recent bouncers report metrics every 30 minutes; Reflex tracks pulls itself, so the report is acknowledged and dropped.",
    ...ACCESS,
    requestBody: { required: false, content: { "application/json": { schema: { type: "object" } } } },
    responses: { "201": { description: "Accepted (no body)." }, "403": FORBIDDEN },
  },
};

export const CROWDSEC_PATHS = {
  "/api/crowdsec/v1/decisions": decisions,
  "/api/crowdsec/v1/decisions/stream": stream,
  "/api/crowdsec/v1/usage-metrics": usageMetrics,
};
