import { beforeAll, describe, expect, it, vi } from "vitest";
import type { TRole } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { seedDemo } from "@/prisma/seed-demo";
import { signInAs } from "@/tests/api/session-mock";
import { loadRehearsal } from "./load-rehearsal";

// Promotion from the console on the demo history: the demo policy rehearses "Revoke
// sessions on human accounts" in shadow, and its compromised-account alerts land there.
vi.mock("@/lib/server/auth/current-user", () => import("@/tests/api/session-mock"));
vi.mock("@/lib/server/http/request-meta", () => ({
  currentRequestMeta: async () => ({ ip: "127.0.0.1", userAgent: "vitest" }),
  requestMetaFrom: () => ({ ip: "127.0.0.1", userAgent: "vitest" }),
}));

const { promoteShadowCellAction } = await import("@/app/(console)/policy/playbooks/[key]/rehearsal/actions");
const input = { playbookKey: "compromised-account", action: "revoke_sessions", assetClass: "human-account", windowDays: 30 };

beforeAll(async () => {
  await seedDemo(db());
});

describe("promoting the demo rehearsal", () => {
  it("has evidence: shadowed revocations the rehearsal would have carried out", async () => {
    const rehearsal = await loadRehearsal(db(), { playbookKey: "compromised-account", from: new Date(Date.now() - 30 * 86_400_000), to: new Date() });
    const cell = rehearsal.cells.find((c) => c.action === "revoke_sessions" && c.assetClass === "human-account");
    expect(cell?.shadowed).toBeGreaterThan(0);
    expect(cell?.wouldHaveActed).toBeGreaterThan(0);
    expect(rehearsal.decisions.every((d) => d.wouldHave !== null)).toBe(true);
  });

  it.each<[TRole, boolean]>([
    ["OWNER", false],
    ["VIEWER", false],
    ["SOC", true],
    ["CISO", true],
  ])("%s may promote: %s", async (role, may) => {
    await signInAs(role);
    const before = await db().policyVersion.count();
    const result = await promoteShadowCellAction(input);
    if (!may) {
      expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await db().policyVersion.count()).toBe(before);
      return;
    }
    expect(result).toMatchObject({ ok: true, data: { version: before + 1 } });
    const draft = await db().policyVersion.findUniqueOrThrow({ where: { version: before + 1 } });
    expect(draft.status).toBe("DRAFT");
  });

  it("says which field is wrong", async () => {
    await signInAs("SOC");
    const result = await promoteShadowCellAction({ ...input, action: "launch_missiles", windowDays: 31 });
    expect(result).toMatchObject({ ok: false, code: "BAD_INPUT" });
    expect(result.ok ? null : Object.keys(result.fieldErrors).sort()).toEqual(["action", "windowDays"]);
  });
});
