import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { findTokenPrincipal } from "./api-tokens";

describe("findTokenPrincipal", () => {
  it("knows a token by its hash, with its scope, and stamps its last use at most once a minute", async () => {
    const { token } = await createApiToken(db(), { input: { name: "edge-fw-test", scope: "feed" }, actor: SYSTEM_ACTOR });
    const lastUsed = async (id: string) => (await db().apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt?.getTime();
    const t0 = new Date(Date.now() + 3600_000); // later than any stamp written so far
    const principal = await findTokenPrincipal(token, { now: t0 });
    expect(principal).toMatchObject({ kind: "token", name: "edge-fw-test", scope: "feed" });
    expect(await lastUsed(principal!.id)).toBe(t0.getTime());

    await findTokenPrincipal(token, { now: new Date(t0.getTime() + 30_000) });
    expect(await lastUsed(principal!.id)).toBe(t0.getTime());

    const t1 = new Date(t0.getTime() + 61_000);
    await findTokenPrincipal(token, { now: t1 });
    expect(await lastUsed(principal!.id)).toBe(t1.getTime());
  });

  it("refuses unknown and revoked tokens", async () => {
    const { token } = await createApiToken(db(), { input: { name: "revoked-test", scope: "ingest" }, actor: SYSTEM_ACTOR });
    expect(await findTokenPrincipal(`${token}x`)).toBeNull();
    await db().apiToken.update({ where: { name: "revoked-test" }, data: { revokedAt: new Date() } });
    expect(await findTokenPrincipal(token)).toBeNull();
  });
});
