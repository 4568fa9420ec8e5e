import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { findTokenPrincipal } from "./api-tokens";

describe("findTokenPrincipal", () => {
  it("knows a token by its hash, with its scope, and stamps its last use at most once a minute", async () => {
    const { token } = await createApiToken(db(), { input: { name: "edge-fw-test", scope: "feed" }, actor: SYSTEM_ACTOR });
    const principal = await findTokenPrincipal(token);
    expect(principal).toMatchObject({ kind: "token", name: "edge-fw-test", scope: "feed" });
    const stamped = (await db().apiToken.findUniqueOrThrow({ where: { id: principal!.id } })).lastUsedAt;
    expect(stamped).toBeInstanceOf(Date);
    expect(Math.abs(stamped!.getTime() - Date.now())).toBeLessThan(60_000);

    await findTokenPrincipal(token);
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: principal!.id } })).lastUsedAt).toEqual(stamped);

    const longAgo = new Date(Date.now() - 3600_000);
    await db().apiToken.update({ where: { id: principal!.id }, data: { lastUsedAt: longAgo } });
    await findTokenPrincipal(token);
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: principal!.id } })).lastUsedAt!.getTime()).toBeGreaterThan(longAgo.getTime());
  });

  it("refuses unknown and revoked tokens", async () => {
    const { token } = await createApiToken(db(), { input: { name: "revoked-test", scope: "ingest" }, actor: SYSTEM_ACTOR });
    expect(await findTokenPrincipal(`${token}x`)).toBeNull();
    await db().apiToken.update({ where: { name: "revoked-test" }, data: { revokedAt: new Date() } });
    expect(await findTokenPrincipal(token)).toBeNull();
  });
});
