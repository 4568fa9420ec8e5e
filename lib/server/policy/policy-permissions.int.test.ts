import { beforeAll, describe, expect, it, vi } from "vitest";
import { principalCan, ROLES, type TRole } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { demoPolicyDocument } from "@/lib/domain/policy-defaults";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";
import { seedDemo, type TDemoCredential } from "@/prisma/seed-demo";
import { signInAs } from "@/tests/api/session-mock";
import { ASSET_CLASS_PERMISSION, createAssetClass, deleteAssetClass, updateAssetClass } from "./asset-class-changes";
import { createPolicyDraft } from "./create-policy-draft";
import { revokePolicyVersion } from "./revoke-policy-version";
import { runPolicyBacktest } from "./run-policy-backtest";
import { signPolicyVersion } from "./sign-policy-version";
import { signWithReauthentication } from "./sign-with-reauthentication";
import { startPolicyDraft } from "./start-policy-draft";
import { updatePolicyDraft } from "./update-policy-draft";

// "A non-CISO cannot sign, activate or revoke": every role against every service, and
// against the server actions the console calls (with a stand-in session).
vi.mock("@/lib/server/auth/current-user", () => import("@/tests/api/session-mock"));
vi.mock("@/lib/server/http/request-meta", () => ({
  currentRequestMeta: async () => ({ ip: "127.0.0.1", userAgent: "vitest" }),
  requestMetaFrom: () => ({ ip: "127.0.0.1", userAgent: "vitest" }),
}));

const actions = await import("@/app/(console)/policy/actions");

const MAY: Record<TRole, { edit: boolean; sign: boolean; classes: boolean }> = {
  CISO: { edit: true, sign: true, classes: true },
  SOC: { edit: false, sign: false, classes: true },
  OWNER: { edit: false, sign: false, classes: false },
  VIEWER: { edit: false, sign: false, classes: false },
};

type TPerson = { id: string; name: string; email: string; role: TRole; password: string; actor: TAuditActor };
const people = {} as Record<TRole, TPerson>;
let draftId: string;
let activeId: string;

beforeAll(async () => {
  const credentials: TDemoCredential[] = await seedDemo(db());
  for (const c of credentials) {
    const row = await db().user.findUniqueOrThrow({ where: { email: c.email } });
    people[c.role] = { id: row.id, name: row.name, email: row.email, role: c.role, password: c.password, actor: { kind: "USER", id: row.id, name: row.name, email: row.email, role: c.role } };
  }
  draftId = (await createPolicyDraft(db(), { document: demoPolicyDocument(), createdById: people.CISO.id, actor: people.CISO.actor })).id;
  activeId = (await db().policyVersion.findFirstOrThrow({ where: { status: "ACTIVE" } })).id;
});

async function refused(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ExpectedError);
  expect((error as ExpectedError).code).toBe("FORBIDDEN");
}

const snapshot = async () => ({
  versions: await db().policyVersion.findMany({ orderBy: { version: "asc" }, select: { version: true, status: true, editVersion: true, digest: true } }),
  classes: await db().assetClass.count(),
  policyEvents: await db().auditEvent.count({ where: { type: "POLICY_CHANGED" } }),
});

describe("the permission map", () => {
  it.each(ROLES)("%s: policy:edit, policy:sign and the asset-class list as documented", (role) => {
    const p = { kind: "user" as const, id: "x", email: "x", name: "x", role };
    expect({ edit: principalCan(p, "policy:edit"), sign: principalCan(p, "policy:sign"), classes: principalCan(p, ASSET_CLASS_PERMISSION) }).toEqual(MAY[role]);
  });
});

describe.each(ROLES.filter((r) => r !== "CISO"))("%s", (role) => {
  it("is refused by every policy service, and nothing changes", async () => {
    const person = people[role];
    const before = await snapshot();
    const as = { userId: person.id, actor: person.actor };
    await refused(startPolicyDraft(db(), { input: { fromVersionId: null }, ...as }));
    await refused(createPolicyDraft(db(), { document: demoPolicyDocument(), createdById: person.id, actor: person.actor }));
    await refused(updatePolicyDraft(db(), { update: { versionId: draftId, expectedEditVersion: 1, document: demoPolicyDocument() }, ...as }));
    await refused(runPolicyBacktest(db(), { request: { versionId: draftId }, ...as }));
    await refused(signPolicyVersion(db(), { versionId: draftId, signer: person, actor: person.actor }));
    // Even with their own correct password: the role is checked first.
    await refused(signWithReauthentication(db(), { request: { versionId: draftId, expectedEditVersion: 1, expectedActiveVersion: 1, password: person.password }, user: { ...person, kind: "user", authAt: Math.floor(Date.now() / 1000) }, actor: person.actor }));
    await refused(revokePolicyVersion(db(), { input: { versionId: activeId, reason: "not mine to revoke" }, ...as }));
    await refused(revokePolicyVersion(db(), { input: { versionId: draftId, reason: "not mine to revoke" }, ...as }));
    if (!MAY[role].classes) {
      await refused(createAssetClass(db(), { input: { key: `x-${role.toLowerCase()}`, label: "X" }, ...as }));
      await refused(updateAssetClass(db(), { input: { key: "server", label: "Servers!" }, ...as }));
    }
    expect(await snapshot()).toEqual(before);
  });

  it("is refused by every policy server action the console calls", async () => {
    await signInAs(role);
    const before = await snapshot();
    const results = [
      await actions.startDraftAction({ fromVersionId: null }),
      await actions.saveDraftAction({ versionId: draftId, expectedEditVersion: 1, document: demoPolicyDocument() }),
      await actions.runBacktestAction({ versionId: draftId, windowDays: 30 }),
      await actions.signPolicyAction({ versionId: draftId, expectedEditVersion: 1, expectedActiveVersion: 1, password: people[role].password }),
      await actions.revokePolicyAction({ versionId: activeId, reason: "not mine to revoke" }),
      ...(MAY[role].classes ? [] : [await actions.createAssetClassAction({ key: "nope", label: "Nope" }), await actions.deleteAssetClassAction({ key: "server" })]),
    ];
    for (const result of results) expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(results.find((r) => !r.ok && r.message.includes("policy:sign"))).toBeDefined();
    expect(await snapshot()).toEqual(before);
  });
});

describe("SOC keeps the asset-class list", () => {
  it("adds, renames and deletes an unused class, audited; a built-in or used class cannot be deleted", async () => {
    const soc = { userId: people.SOC.id, actor: people.SOC.actor };
    await createAssetClass(db(), { input: { key: "payment-terminal", label: "Payment terminal", description: "Card readers in the stores" }, ...soc });
    const taken = await createAssetClass(db(), { input: { key: "payment-terminal", label: "Again" }, ...soc }).catch((e: ExpectedError) => e);
    expect(taken).toMatchObject({ code: "CONFLICT", fieldErrors: { key: [expect.stringContaining("is taken")] } });
    await updateAssetClass(db(), { input: { key: "payment-terminal", label: "POS terminal" }, ...soc });
    expect(await db().assetClass.findUnique({ where: { key: "payment-terminal" } })).toMatchObject({ label: "POS terminal", builtIn: false });
    const builtIn = await deleteAssetClass(db(), { key: "server", ...soc }).catch((e: ExpectedError) => e);
    expect(builtIn).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("is built in") });
    const used = await deleteAssetClass(db(), { key: "service-account", ...soc }).catch((e: ExpectedError) => e);
    expect(used).toMatchObject({ code: "CONFLICT" });
    await deleteAssetClass(db(), { key: "payment-terminal", ...soc });
    const events = await db().auditEvent.findMany({ where: { type: "SETTINGS_CHANGED", actorId: people.SOC.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => (e.data as { details: { what: string } }).details.what)).toEqual(["created", "edited", "deleted"]);
  });

  it("refuses a class key that is not a slug, with the field to fix", async () => {
    await signInAs("SOC");
    const result = await actions.createAssetClassAction({ key: "Payment Terminal", label: "Payment terminal" });
    expect(result).toMatchObject({ ok: false, code: "BAD_INPUT", fieldErrors: { key: [expect.stringContaining("lower-case letters")] } });
  });
});

describe("CISO", () => {
  it("signs through the server action with password re-entry, and revokes", async () => {
    await signInAs("CISO");
    const wrong = await actions.signPolicyAction({ versionId: draftId, expectedEditVersion: 1, expectedActiveVersion: 1, password: "guess" });
    expect(wrong).toMatchObject({ ok: false, code: "BAD_INPUT", fieldErrors: { password: [expect.stringContaining("not your password")] } });
    const signed = await actions.signPolicyAction({ versionId: draftId, expectedEditVersion: 1, expectedActiveVersion: 1, password: people.CISO.password });
    expect(signed).toMatchObject({ ok: true, data: { version: 2 } });
    const event = await db().auditEvent.findFirstOrThrow({ where: { type: "POLICY_CHANGED", policyVersion: 2 }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ actorName: "Camille Ortiz", actorRole: "CISO", userAgent: "vitest", data: { change: "signed" } });
    const revoked = await actions.revokePolicyAction({ versionId: draftId, reason: "Testing the revoke path" });
    expect(revoked).toMatchObject({ ok: true, data: { wasActive: true } });
    expect(await db().policyVersion.count({ where: { status: "ACTIVE" } })).toBe(0);
  });
});
