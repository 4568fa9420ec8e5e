import { buildOpenApiDocument } from "@/lib/server/openapi/build-openapi";

// The public API's OpenAPI 3.1 document. No authentication: it describes the API, it
// holds no data.
export function GET(): Response {
  return Response.json(buildOpenApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
