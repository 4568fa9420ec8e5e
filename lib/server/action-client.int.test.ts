import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { setKillSwitchAction } from "@/app/(console)/policy/actions";
import { revokeTokenAction } from "@/app/(console)/settings/actions";
import { ROLES, type TRole } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { readKillSwitch } from "@/lib/server/pipeline/kill-switch";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { defineAction } from "./action-client";

// The kill switch and token revocation services trust their caller: defineAction's
// permission check is all that stands between a console user and them. Only the session
// is stood in for (next-auth reads its cookie through next/headers, which needs a Next.js
// request), so the user is re-loaded from the database as in production.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { userId: session.userId, expires: "" } : null) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.23", "user-agent": "action-client test" }) }));

const users = {} as Record<TRole, string>;
let tokenId: string;

beforeAll(async () => {
  for (const role of ROLES) {
    users[role] = (await db().user.create({ data: { email: `${role.toLowerCase()}@action-client.test`, name: `${role} user`, role } })).id;
  }
  tokenId = (await createApiToken(db(), { input: { name: "edge-fw-actions", scope: "feed" }, actor: SYSTEM_ACTOR })).id;
});
beforeEach(() => {
  session.userId = null;
});

/** What a refused call must leave as it was. */
async function state() {
  return {
    auditEvents: await db().auditEvent.count(),
    killSwitch: await readKillSwitch(db()),
    tokens: await db().apiToken.findMany({ select: { id: true, revokedAt: true }, orderBy: { id: "asc" } }),
  };
}

const REFUSED = [
  { who: "nobody", userId: () => null, code: "UNAUTHENTICATED" },
  ...(["SOC", "OWNER", "VIEWER"] as const).map((role) => ({ who: role, userId: () => users[role], code: "FORBIDDEN" })),
];

describe("defineAction", () => {
  // settings:manage is the CISO's alone (lib/auth/permissions.ts).
  const MAY: Record<TRole, boolean> = { CISO: true, SOC: false, OWNER: false, VIEWER: false };
  let runs = 0;
  const action = defineAction(
    { name: "testSettingsAction", permission: "settings:manage", input: z.object({ n: z.number() }) },
    async ({ n }, { user }) => {
      runs++;
      return { n, role: user.role };
    },
  );

  it.each(ROLES)("%s: runs the handler only when the role holds the permission, and checks it before the input", async (role) => {
    session.userId = users[role];
    const before = runs;
    if (MAY[role]) {
      expect(await action({ n: 1 })).toEqual({ ok: true, data: { n: 1, role } });
      expect(await action({ n: "one" })).toMatchObject({ ok: false, code: "BAD_INPUT" });
    } else {
      expect(await action({ n: 1 })).toMatchObject({ ok: false, code: "FORBIDDEN", message: `Your role (${role}) may not do this (needs settings:manage).` });
      expect(await action({ n: "one" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(runs - before).toBe(MAY[role] ? 1 : 0);
  });

  it("refuses no session, and the session of a user since disabled or demoted", async () => {
    const before = runs;
    expect(await action({ n: 1 })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    const { id } = await db().user.create({ data: { email: "former-ciso@action-client.test", name: "Former CISO", role: "CISO" } });
    session.userId = id;
    await db().user.update({ where: { id }, data: { role: "SOC" } });
    expect(await action({ n: 1 })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    await db().user.update({ where: { id }, data: { role: "CISO", disabled: true } });
    expect(await action({ n: 1 })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(runs).toBe(before);
  });
});

describe("setKillSwitchAction (killswitch:toggle)", () => {
  it.each(REFUSED)("$who is refused ($code) and nothing changes", async ({ userId, code }) => {
    session.userId = userId();
    const before = await state();
    expect(await setKillSwitchAction({ engaged: true, reason: "stop everything" })).toMatchObject({ ok: false, code });
    expect(await state()).toEqual(before);
  });

  it("a CISO engages it, and the audit log says who and from where", async () => {
    session.userId = users.CISO;
    expect(await setKillSwitchAction({ engaged: true, reason: "incident review" })).toMatchObject({ ok: true, data: { engaged: true, by: "CISO user" } });
    expect(await readKillSwitch(db())).toMatchObject({ engaged: true, reason: "incident review" });
    const event = await db().auditEvent.findFirstOrThrow({ where: { type: "KILL_SWITCH_CHANGED", actorId: users.CISO } });
    expect(event).toMatchObject({ actorId: users.CISO, actorRole: "CISO", ip: "198.51.100.23", userAgent: "action-client test" });
  });
});

describe("revokeTokenAction (settings:manage)", () => {
  it.each(REFUSED)("$who is refused ($code) and the token still works", async ({ userId, code }) => {
    session.userId = userId();
    const before = await state();
    expect(await revokeTokenAction({ token: tokenId, reason: "leaked" })).toMatchObject({ ok: false, code });
    expect(await state()).toEqual(before);
  });

  it("a CISO revokes it, and the audit log says who and from where", async () => {
    session.userId = users.CISO;
    expect(await revokeTokenAction({ token: tokenId, reason: "leaked" })).toMatchObject({ ok: true, data: { id: tokenId, alreadyRevoked: false } });
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: tokenId } })).revokedAt).not.toBeNull();
    const event = await db().auditEvent.findFirstOrThrow({ where: { type: "TOKEN_CHANGED", actorId: users.CISO } });
    expect(event).toMatchObject({ actorId: users.CISO, actorRole: "CISO", ip: "198.51.100.23", userAgent: "action-client test" });
  });
});
