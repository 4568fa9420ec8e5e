import { describe, expect, it } from "vitest";
import { AUDIT_V1_PATHS } from "./openapi-paths";

describe("the audit API in the OpenAPI document", () => {
  it("lists the query the route parses, and who may call it", () => {
    const op = AUDIT_V1_PATHS["/api/v1/audit"].get;
    expect(op.parameters.map((p) => p.name)).toEqual(["cursor", "limit", "type", "verdict", "actorKind", "actor", "playbook", "policyVersion", "entity", "kind", "from", "to", "q", "sections"]);
    expect(op["x-reflex-token-scopes"]).toEqual(["admin"]);
    expect(op["x-reflex-roles"]).toEqual(["CISO", "SOC", "OWNER", "VIEWER"]);
  });
});
