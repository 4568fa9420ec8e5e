import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { findTokenPrincipal } from "@/lib/server/auth/api-tokens";
import { POST } from "@/app/api/v1/alerts/route";
import { createApiToken } from "./create-api-token";
import { revokeApiToken, ZRevokeToken } from "./revoke-api-token";

const ciso = { kind: "USER" as const, id: "u-ciso", name: "Camille Ortiz", email: "ciso@example.com", role: "CISO" };

describe("revoking an API token", () => {
  it("refuses the token from the next request on, signs who and why, and signs it once", async () => {
    const { token, id } = await createApiToken(db(), { input: { name: "leaked-ingest", scope: "ingest" }, actor: SYSTEM_ACTOR });
    expect(await findTokenPrincipal(token)).toMatchObject({ id });

    const first = await revokeApiToken(db(), { input: ZRevokeToken.parse({ token: "leaked-ingest", reason: "Pasted into a public ticket" }), actor: ciso });
    expect(first).toMatchObject({ id, alreadyRevoked: false });
    expect(await findTokenPrincipal(token)).toBeNull();
    const response = await POST(new Request("http://reflex.test/api/v1/alerts", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: "{}" }), { params: Promise.resolve({}) });
    expect(response.status).toBe(401);

    const again = await revokeApiToken(db(), { input: { token: id, reason: "twice" }, actor: ciso });
    expect(again).toMatchObject({ id, alreadyRevoked: true });
    const events = await db().auditEvent.findMany({ where: { type: "TOKEN_CHANGED", data: { path: ["tokenId"], equals: id } }, orderBy: { id: "asc" } });
    expect(events.map((e) => (e.data as { change: string }).change)).toEqual(["created", "revoked"]);
    expect(events[1]).toMatchObject({ actorName: "Camille Ortiz", actorRole: "CISO" });
    expect(events[1]!.summary).toBe('Camille Ortiz revoked ingest token "leaked-ingest": "Pasted into a public ticket". Alert sources and log shippers sending with it get 401: their alerts stop arriving until they have a new token.');
  });

  it("says what to fix: an unknown token, a missing reason", async () => {
    await expect(revokeApiToken(db(), { input: { token: "no-such-token", reason: "gone" }, actor: ciso })).rejects.toThrow('There is no API token named "no-such-token".');
    const parsed = ZRevokeToken.safeParse({ token: " ", reason: "x" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path[0])).toEqual(["token", "reason"]);
  });
});
