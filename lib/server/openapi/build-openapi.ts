import { buildComponentSchemas, buildErrorResponses } from "./components";
import { CROWDSEC_PATHS } from "./crowdsec-paths";
import { SECURITY_SCHEMES } from "./security";
import { V1_PATHS } from "./v1-paths";

// GET /api/v1/openapi.json. Built from the zod schemas the routes validate with and from
// the permission maps the server enforces; nothing here is hand-copied from a route
// except what the route file keeps private (see v1-paths.ts).

const DESCRIPTION = `Reflex contains threats on its own when a signed policy allows it, and escalates to people otherwise.
Machines send alerts and context events, read containments and release them, and enforcement points pull the blocklist.

**Authentication.** An API token created with \`npx reflex token create --name <name> --scope <scope>\`, sent as
\`Authorization: Bearer <token>\`, \`X-Api-Key: <token>\` or \`?token=<token>\`; or a signed-in console session.
Token scopes: \`ingest\` (send alerts and events), \`feed\` (read the blocklist), \`bouncer\` (the CrowdSec-compatible API),
\`admin\` (all of those, plus read and release containments). Each operation lists what it needs in \`x-reflex-permission\`,
\`x-reflex-token-scopes\` and \`x-reflex-roles\`.

**Errors** of /api/v1 are JSON: \`{ "error": { "code", "message", "fields" } }\`, where \`fields\` maps a field path to what to fix.
The CrowdSec-compatible API answers \`{ "message" }\` as CrowdSec does.`;

export type TOpenApiDocument = ReturnType<typeof createDocument>;

function createDocument() {
  return {
    openapi: "3.1.1",
    info: {
      title: "Reflex API",
      version: "1",
      description: DESCRIPTION,
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
    },
    tags: [
      { name: "alerts", description: "Alerts in: stored, decided, maybe contained." },
      { name: "events", description: "Context events in." },
      { name: "containments", description: "What Reflex contained, why, and releasing it." },
      { name: "kill-switch", description: "Pause autonomous execution." },
      { name: "feeds", description: "Blocklists for firewalls." },
      { name: "crowdsec", description: "CrowdSec-compatible API for bouncers." },
      { name: "meta", description: "This document." },
    ],
    paths: { ...V1_PATHS, ...CROWDSEC_PATHS },
    components: {
      schemas: buildComponentSchemas(),
      responses: buildErrorResponses(),
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}

let cached: TOpenApiDocument | null = null;

/** The document; built once per process (it depends on code only). */
export function buildOpenApiDocument(): TOpenApiDocument {
  cached ??= createDocument();
  return cached;
}
