import { z } from "zod";
import { errorResponses } from "@/lib/server/openapi/components";
import { jsonSchemaOf, queryParameters } from "@/lib/server/openapi/json-schema";
import { accessFor, describeAccess } from "@/lib/server/openapi/security";
import { ZCreateRegistration } from "./create-registration";
import { ZRegistrationQuery } from "./list-registrations";
import { ZUpdateRegistration } from "./update-registration";

// /api/v1/protected-assets for the OpenAPI document (CMDB sync), from the zod schemas the
// routes parse with. Spread into V1_PATHS (lib/server/openapi/v1-paths.ts).

const view = accessFor("assets:view");
const edit = accessFor("assets:edit");
const describe = (text: string, access: typeof view) => `${text}\n\n${describeAccess(access)}`;

const REGISTRATION = { type: "object", description: "A registration: selector, owner, business context, containment requirements, certifiedAt/expiresAt and editVersion." };
const ok = (description: string, schema: object = REGISTRATION) => ({ description, content: { "application/json": { schema } } });
const body = (schema: z.ZodType, example: unknown) => ({ required: true, content: { "application/json": { schema: jsonSchemaOf(schema, "input"), example } } });
const ID = { name: "id", in: "path", required: true, description: "The registration's id.", schema: { type: "string" } };

const EXAMPLE = {
  selector: { kind: "cidr", value: "10.20.0.0/16" },
  businessService: "Payments API",
  businessUnit: "Payments",
  assetClass: "crown-jewel",
  criticality: "CRITICAL",
  justification: "Card authorisations for every store",
  onCallContact: "payments-oncall@example.com",
  ownerEmail: "owner@example.com",
  requirements: { approvalBy: "Payments CAB", maxTtlSeconds: 3600, preferredAction: "step_up_auth" },
};

const ERRORS_NOTE =
  "Invalid input (an IP, CIDR or host name that is not one, an unknown asset class or owner) is a 400 whose `error.fields` names each field (`selector.value`, `requirements.maxTtlSeconds`, …). " +
  "Every change is an audit event (REGISTRATION_CHANGED).";

export const PROTECTED_ASSETS_V1_PATHS = {
  "/api/v1/protected-assets": {
    get: {
      operationId: "listProtectedAssets",
      tags: ["protected-assets"],
      summary: "List registrations on the protected list, newest first",
      ...view,
      description: describe("Live (not deleted) registrations, expired ones included (`expiresAt` in the past: they no longer protect). Keyset-paginated: pass `nextCursor` as `cursor`. A business owner's session sees only their own.", view),
      parameters: queryParameters(ZRegistrationQuery, { q: "Text in the selector, business service or unit.", kind: "Only this selector kind.", cursor: "The `nextCursor` of the previous page.", limit: "Page size." }),
      responses: { "200": ok("A page: `{ items, nextCursor }`.", { type: "object" }), ...errorResponses(400, 401, 403) },
    },
    post: {
      operationId: "createProtectedAsset",
      tags: ["protected-assets"],
      summary: "Register an asset",
      ...edit,
      description: describe(
        `Certified now, expiring after the cadence of the open campaign covering its class or business unit (90 days without one). A token must name the owner (\`ownerEmail\`: an enabled user who may maintain registrations). The same owner cannot register the same selector twice (409). ${ERRORS_NOTE}`,
        edit,
      ),
      requestBody: body(ZCreateRegistration, EXAMPLE),
      responses: { "201": ok("The registration."), ...errorResponses(400, 401, 403) },
    },
  },
  "/api/v1/protected-assets/{id}": {
    get: {
      operationId: "getProtectedAsset",
      tags: ["protected-assets"],
      summary: "One registration",
      ...view,
      description: describe("Deleted registrations are not found.", view),
      parameters: [ID],
      responses: { "200": ok("The registration."), ...errorResponses(401, 403, 404) },
    },
    put: {
      operationId: "replaceProtectedAsset",
      tags: ["protected-assets"],
      summary: "Replace a registration's fields",
      ...edit,
      description: describe(`The whole registration as for create (without the owner, which does not change here). With \`editVersion\`, a registration changed since that version is refused (409). Certification is unchanged. ${ERRORS_NOTE}`, edit),
      parameters: [ID],
      requestBody: body(ZUpdateRegistration, { ...EXAMPLE, ownerEmail: undefined, editVersion: 3 }),
      responses: { "200": ok("The registration after the change."), ...errorResponses(400, 401, 403, 404) },
    },
    patch: {
      operationId: "updateProtectedAsset",
      tags: ["protected-assets"],
      summary: "Change some of a registration's fields",
      ...edit,
      description: describe(`Any fields of the PUT body; \`requirements\` is merged field by field. The result is validated as a whole. The owner cannot be changed here (\`ownerEmail\` is a 400): hand the registration over in the console. ${ERRORS_NOTE}`, edit),
      parameters: [ID],
      requestBody: { required: true, content: { "application/json": { schema: { type: "object" }, example: { criticality: "HIGH", requirements: { maxTtlSeconds: 1800 } } } } },
      responses: { "200": ok("The registration after the change."), ...errorResponses(400, 401, 403, 404) },
    },
    delete: {
      operationId: "deleteProtectedAsset",
      tags: ["protected-assets"],
      summary: "Take a registration off the protected list",
      ...edit,
      description: describe("It stops protecting at once; the default policy applies to the asset. The row is kept for the audit trail.", edit),
      parameters: [ID],
      responses: { "200": ok("`{ id }`.", { type: "object" }), ...errorResponses(401, 403, 404) },
    },
  },
};
