import { z } from "zod";
import { errorResponses } from "@/lib/server/openapi/components";
import { queryParameters } from "@/lib/server/openapi/json-schema";
import { accessFor, describeAccess } from "@/lib/server/openapi/security";
import { ZRawFeedQuery } from "./feed-query";

// GET /api/v1/audit and /api/v1/audit/chain for the OpenAPI document, from the same zod
// schema the route parses with. Spread into V1_PATHS (lib/server/openapi/v1-paths.ts).

const access = accessFor("audit:view");

const ZAuditQuery = ZRawFeedQuery.extend({ sections: z.enum(["events"]).optional() });

const listAudit = {
  operationId: "listAuditEvents",
  tags: ["audit"],
  summary: "The audit feed, and the bridge-call lookup",
  ...access,
  description:
    "Signed audit events, newest first, keyset-paginated on the global id (`nextCursor` → `cursor`). " +
    "With `entity` it is the bridge-call lookup: matching uses the protected list's selector logic (an IP finds the ranges containing it, a CIDR the addresses inside), " +
    "the window defaults to the last 24 hours, and the first page also answers `lookup`, `containments` and `signals` (docs/BRIDGE-CALL.md). " +
    "Malformed input (an IP, CIDR or date that is not one) is a 400 that gives the reason.\n\n" +
    describeAccess(access),
  parameters: queryParameters(ZAuditQuery, {
    entity: "An IP, CIDR, host name, account or application name.",
    kind: "How to read `entity`; `any` tries every kind it can be.",
    from: "Start of the window (ISO 8601; without a zone, UTC).",
    to: "End of the window (ISO 8601).",
    cursor: "The `nextCursor` of the previous page.",
    limit: "Events per page.",
    type: "An event type (e.g. CONTAINMENT_RELEASED) or a group: alerts, assessments, verdicts, containments, releases, expiries, escalations, holds, changes.",
    verdict: "Decisions with this verdict; `inaction` is every verdict but execute.",
    actorKind: "person, automation, token or system.",
    actor: "An actor's name, as the feed shows it.",
    playbook: "A playbook key.",
    policyVersion: "A signed policy version.",
    q: "Words to find in the events' sentences (web-search syntax).",
    sections: "`events`: with `entity`, answer the trail only.",
  }),
  responses: {
    "200": { description: "A page of events (and, for a lookup's first page, its answer).", content: { "application/json": { schema: { type: "object" } } } },
    ...errorResponses(400, 401, 403),
  },
};

const chainStatus = {
  operationId: "getAuditChainStatus",
  tags: ["audit"],
  summary: "How far the hash chain is verified",
  ...access,
  description: "\"Verified up to event N\". Each call also verifies a bounded number of newer events (docs/AUDIT.md).\n\n" + describeAccess(access),
  responses: {
    "200": { description: "The chain's status.", content: { "application/json": { schema: { type: "object" } } } },
    ...errorResponses(401, 403),
  },
};

export const AUDIT_V1_PATHS = {
  "/api/v1/audit": { get: listAudit },
  "/api/v1/audit/chain": { get: chainStatus },
};
