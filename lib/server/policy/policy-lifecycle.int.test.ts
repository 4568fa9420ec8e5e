import { execFile } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { demoPolicyDocument } from "@/lib/domain/policy-defaults";
import { effectiveCell, withCell } from "@/lib/domain/policy-grid";
import type { TPolicyDocument } from "@/lib/domain/types";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import { ExpectedError } from "@/lib/server/errors";
import { seedDemo, type TDemoCredential } from "@/prisma/seed-demo";
import { confirmSigner } from "./confirm-signer";
import { createPolicyDraft } from "./create-policy-draft";
import { loadActivePolicy } from "./load-active-policy";
import { revokePolicyVersion } from "./revoke-policy-version";
import { runPolicyBacktest } from "./run-policy-backtest";
import { signPolicyVersion } from "./sign-policy-version";
import { signWithReauthentication } from "./sign-with-reauthentication";
import { startPolicyDraft } from "./start-policy-draft";
import { updatePolicyDraft } from "./update-policy-draft";
import { verifyPolicyVersion } from "./verify-policy-version";

let ciso: { id: string; name: string; email: string; password: string };
let actor: TAuditActor;

beforeAll(async () => {
  const credentials: TDemoCredential[] = await seedDemo(db());
  const c = credentials.find((x) => x.role === "CISO")!;
  const row = await db().user.findUniqueOrThrow({ where: { email: c.email } });
  ciso = { id: row.id, name: row.name, email: row.email, password: c.password };
  actor = { kind: "USER", id: row.id, name: row.name, email: row.email, role: "CISO" };
});

const user = () => ({ kind: "user" as const, id: ciso.id, name: ciso.name, email: ciso.email, role: "CISO" as const, authAt: null });

async function failure(promise: Promise<unknown>): Promise<ExpectedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExpectedError);
  return error as ExpectedError;
}

/** The e2e journey's two changes: revoke human-account sessions on its own, never quarantine files on servers. */
function twoCells(document: TPolicyDocument): TPolicyDocument {
  const human = effectiveCell(document, "revoke_sessions", "human-account").cell;
  const server = effectiveCell(document, "quarantine_file", "server").cell;
  return withCell(withCell(document, "revoke_sessions", "human-account", { ...human, mode: "autonomous", minConfidence: 0.85 }), "quarantine_file", "server", { ...server, mode: "forbidden" });
}

describe("draft → backtest → sign → supersede", () => {
  let draftId: string;

  it("starts a draft from the active policy", async () => {
    const draft = await startPolicyDraft(db(), { input: { fromVersionId: null }, userId: ciso.id, actor });
    draftId = draft.id;
    expect(draft).toMatchObject({ version: 2, status: "DRAFT", editVersion: 1 });
    expect(draft.document).toEqual((await loadActivePolicy(db()))!.document);
    const event = await db().auditEvent.findFirstOrThrow({ where: { type: "POLICY_CHANGED", policyVersion: 2 } });
    expect(event).toMatchObject({ summary: "Camille Ortiz created policy draft v2 from v1", data: { change: "draft_created", version: 2, details: { basedOn: 1 } } });
  });

  it("saves edits with an optimistic check, and records what changed in words", async () => {
    const saved = await updatePolicyDraft(db(), { update: { versionId: draftId, expectedEditVersion: 1, document: twoCells(demoPolicyDocument()) }, userId: ciso.id, actor });
    expect(saved).toMatchObject({ editVersion: 2, changes: ["Revoke sessions on human accounts: shadow → autonomous at confidence ≥ 0.85", "Quarantine file on servers: escalate → forbidden"] });
    const event = await db().auditEvent.findFirstOrThrow({ where: { type: "POLICY_CHANGED", policyVersion: 2 }, orderBy: { id: "desc" } });
    expect(event.data).toMatchObject({ change: "draft_edited", details: { editVersion: 2 } });
  });

  it("never loses a concurrent edit silently: the second save on the same edit is refused with a clear message", async () => {
    const edit = (minConfidence: number) =>
      updatePolicyDraft(db(), {
        update: { versionId: draftId, expectedEditVersion: 2, document: withCell(twoCells(demoPolicyDocument()), "block_ip", "internal-ip", { ...effectiveCell(demoPolicyDocument(), "block_ip", "internal-ip").cell, minConfidence }) },
        userId: ciso.id,
        actor,
      });
    const results = await Promise.allSettled([edit(0.7), edit(0.75)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/^Someone saved draft v2 \(edit 3\) while you were editing edit 2\. Your changes are not saved/) });
    const row = await db().policyVersion.findUniqueOrThrow({ where: { id: draftId } });
    expect(row.editVersion).toBe(3);
  });

  it("puts validation messages on the wrong cell", async () => {
    const bad = withCell(twoCells(demoPolicyDocument()), "isolate_host", "server", { ...effectiveCell(demoPolicyDocument(), "isolate_host", "server").cell, ttlSeconds: 0 });
    const i = bad.rules.findIndex((r) => r.action === "isolate_host" && r.assetClass === "server");
    const error = await failure(updatePolicyDraft(db(), { update: { versionId: draftId, expectedEditVersion: 3, document: bad }, userId: ciso.id, actor }));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.fieldErrors).toEqual({ [`rules.${i}.ttlSeconds`]: ["A containment needs a TTL above zero: it must expire by itself."] });
  });

  it("backtests the draft on the seeded history without containing anything, and audits the run", async () => {
    const before = { containments: await db().containment.count(), decisions: await db().decision.count(), escalations: await db().escalation.count() };
    const result = await runPolicyBacktest(db(), { request: { versionId: draftId }, userId: ciso.id, actor });
    expect(result).toMatchObject({ version: 2, baselineVersion: 1, windowDays: 30, truncated: false });
    expect(result.summary.decisions).toBe(40);
    // Critical compromised human accounts reach 0.85: shadowed under v1, revoked under the draft.
    expect(result.addedCount).toBeGreaterThan(0);
    expect(result.added.every((r) => r.action === "revoke_sessions" && r.assetClass === "human-account" && r.baseline.verdict === "shadow")).toBe(true);
    expect(result.summary.changed).toBeGreaterThanOrEqual(result.addedCount);
    expect(result.summary.verdicts.execute.candidate - result.summary.verdicts.execute.baseline).toBe(result.addedCount - result.withheldCount);
    expect(result.summary.byPlaybook.find((g) => g.key === "compromised-account")).toMatchObject({ candidateExecutes: result.addedCount });
    expect({ containments: await db().containment.count(), decisions: await db().decision.count(), escalations: await db().escalation.count() }).toEqual(before);
    const event = await db().auditEvent.findFirstOrThrow({ where: { type: "POLICY_CHANGED", policyVersion: 2 }, orderBy: { id: "desc" } });
    expect(event.data).toMatchObject({ change: "backtested", details: { baselineVersion: 1, windowDays: 30, decisions: 40, containmentsAdded: result.addedCount } });
  });

  it("a narrower window replays fewer decisions (the window is on when the alerts happened)", async () => {
    const week = await runPolicyBacktest(db(), { request: { versionId: draftId, windowDays: 7 }, userId: ciso.id, actor });
    expect(week.summary.decisions).toBeGreaterThan(0);
    expect(week.summary.decisions).toBeLessThan(40);
  });

  it("refuses to sign with a wrong password, and signs with the right one", async () => {
    const request = { versionId: draftId, expectedEditVersion: 3, expectedActiveVersion: 1, password: "not-it" };
    const wrong = await failure(signWithReauthentication(db(), { request, user: user(), actor }));
    expect(wrong.fieldErrors.password?.[0]).toMatch(/^That is not your password/);
    expect((await db().policyVersion.findUniqueOrThrow({ where: { id: draftId } })).status).toBe("DRAFT");

    const stale = await failure(signWithReauthentication(db(), { request: { ...request, expectedEditVersion: 2, password: ciso.password }, user: user(), actor }));
    expect(stale).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("was saved again (edit 3) after you reviewed edit 2") });

    const signed = await signWithReauthentication(db(), { request: { ...request, password: ciso.password }, user: user(), actor });
    expect(signed).toMatchObject({ version: 2, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const rows = await db().policyVersion.findMany({ orderBy: { version: "asc" }, select: { version: true, status: true, signedByName: true, supersededAt: true } });
    expect(rows).toEqual([
      { version: 1, status: "SUPERSEDED", signedByName: "Camille Ortiz", supersededAt: expect.any(Date) },
      { version: 2, status: "ACTIVE", signedByName: "Camille Ortiz", supersededAt: null },
    ]);
    const events = await db().auditEvent.findMany({ where: { type: "POLICY_CHANGED" }, orderBy: { id: "desc" }, take: 2 });
    expect(events.map((e) => (e.data as { change: string }).change)).toEqual(["signed", "superseded"]);
    expect(events[0]!.data).toMatchObject({ details: { supersedes: 1, becomesAutonomous: ["Revoke sessions on human accounts at confidence ≥ 0.85"], stopsBeingAutonomous: [] } });
    expect((await loadActivePolicy(db()))?.version).toBe(2);
  });

  it("freezes the signed version: the database refuses a change, the service refuses an edit", async () => {
    await expect(db().$executeRawUnsafe(`UPDATE "PolicyVersion" SET "document" = '{}' WHERE "version" = 2`)).rejects.toThrow(/signed and cannot be changed/);
    await expect(db().$executeRawUnsafe(`DELETE FROM "PolicyVersion" WHERE "version" = 2`)).rejects.toThrow(/cannot be deleted/);
    const edit = await failure(updatePolicyDraft(db(), { update: { versionId: draftId, expectedEditVersion: 3, document: demoPolicyDocument() }, userId: ciso.id, actor }));
    expect(edit).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("signed versions never change") });
    await expect(db().$executeRawUnsafe(`UPDATE "PolicyVersion" SET "status" = 'ACTIVE' WHERE "version" = 1`)).rejects.toThrow(/PolicyVersion_one_active|unique/i);
  });

  it("refuses to sign when the active version changed since the signer's review", async () => {
    const draft = await startPolicyDraft(db(), { input: { fromVersionId: null }, userId: ciso.id, actor });
    const error = await failure(signWithReauthentication(db(), { request: { versionId: draft.id, expectedEditVersion: 1, expectedActiveVersion: 1, password: ciso.password }, user: user(), actor }));
    expect(error).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("v2 is active now") });
    await revokePolicyVersion(db(), { input: { versionId: draft.id, reason: "test draft" }, userId: ciso.id, actor });
  });
});

describe("what cannot be signed", () => {
  const draft = async (document: TPolicyDocument) => createPolicyDraft(db(), { document, createdById: ciso.id, actor });

  it("an empty policy", async () => {
    const d = await draft({ ...demoPolicyDocument(), rules: [] });
    const error = await failure(signPolicyVersion(db(), { versionId: d.id, signer: ciso, actor }));
    expect(error).toMatchObject({ code: "BAD_INPUT", fieldErrors: { rules: [expect.stringContaining("An empty policy cannot be signed")] } });
    expect((await db().policyVersion.findUniqueOrThrow({ where: { id: d.id } })).status).toBe("DRAFT");
  });

  it("a contradictory one: autonomous at a confidence nothing reaches, or a cell for a class that does not exist", async () => {
    const base = demoPolicyDocument();
    const never = await draft(withCell(base, "block_ip", "internal-ip", { ...effectiveCell(base, "block_ip", "internal-ip").cell, mode: "autonomous", minConfidence: 1 }));
    expect((await failure(signPolicyVersion(db(), { versionId: never.id, signer: ciso, actor }))).message).toContain("could never act");
    const ghost = await draft(withCell(base, "block_ip", "printers", effectiveCell(base, "block_ip", "external-ip").cell));
    expect((await failure(signPolicyVersion(db(), { versionId: ghost.id, signer: ciso, actor }))).message).toContain('there is no asset class "printers"');
  });

  it("a version that is not a draft", async () => {
    const v1 = await db().policyVersion.findUniqueOrThrow({ where: { version: 1 } });
    expect((await failure(signPolicyVersion(db(), { versionId: v1.id, signer: ciso, actor }))).message).toBe("Policy v1 is superseded, not a draft: only drafts can be signed.");
  });
});

describe("two signings at once", () => {
  it("take turns: the later one supersedes the earlier, and exactly one version is active", async () => {
    const [a, b] = [await createPolicyDraft(db(), { document: twoCells(demoPolicyDocument()), createdById: ciso.id, actor }), await createPolicyDraft(db(), { document: demoPolicyDocument(), createdById: ciso.id, actor })];
    await Promise.all([signPolicyVersion(db(), { versionId: a.id, signer: ciso, actor }), signPolicyVersion(db(), { versionId: b.id, signer: ciso, actor })]);
    const active = await db().policyVersion.findMany({ where: { status: "ACTIVE" } });
    expect(active).toHaveLength(1);
    const statuses = await db().policyVersion.findMany({ where: { id: { in: [a.id, b.id] } }, select: { status: true } });
    expect(statuses.map((s) => s.status).sort()).toEqual(["ACTIVE", "SUPERSEDED"]);
  });
});

describe("SSO signers", () => {
  it("need an SSO sign-in within the last 5 minutes", async () => {
    const sso = await db().user.create({ data: { email: "sso-ciso@example.com", name: "Sol Oduya", role: "CISO", oidcSubject: "sub-1" } });
    const now = new Date();
    const seconds = Math.floor(now.getTime() / 1000);
    await expect(confirmSigner(db(), { userId: sso.id, password: "", authAt: seconds - 120, now })).resolves.toBeUndefined();
    const stale = await failure(confirmSigner(db(), { userId: sso.id, password: "", authAt: seconds - 6 * 60, now }));
    expect(stale).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("you last signed in with SSO 6 minutes ago") });
    expect((await failure(confirmSigner(db(), { userId: sso.id, password: "", authAt: null, now }))).code).toBe("FORBIDDEN");
  });
});

describe("revoking the active version", () => {
  it("leaves no policy in force, so everything escalates", async () => {
    const active = await db().policyVersion.findFirstOrThrow({ where: { status: "ACTIVE" } });
    const revoked = await revokePolicyVersion(db(), { input: { versionId: active.id, reason: "Rolled out by mistake" }, userId: ciso.id, actor });
    expect(revoked).toMatchObject({ wasActive: true });
    expect(await loadActivePolicy(db())).toBeNull();
    expect(await db().policyVersion.findUniqueOrThrow({ where: { id: active.id } })).toMatchObject({ status: "REVOKED", revokeReason: "Rolled out by mistake", digest: active.digest });
    const again = await failure(revokePolicyVersion(db(), { input: { versionId: active.id, reason: "twice" }, userId: ciso.id, actor }));
    expect(again.message).toContain("is already revoked");
    // Roll forward again: a new draft copied from v2, signed.
    const draft = await startPolicyDraft(db(), { input: { fromVersionId: (await db().policyVersion.findUniqueOrThrow({ where: { version: 2 } })).id }, userId: ciso.id, actor });
    await signPolicyVersion(db(), { versionId: draft.id, signer: ciso, actor, expectedActiveVersion: null });
    expect((await loadActivePolicy(db()))?.version).toBe(draft.version);
  });
});

describe("verifying a signed version", () => {
  // Asynchronous on purpose: in embedded mode this test process serves the database the CLI connects to.
  const cli = (args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [path.resolve(import.meta.dirname, "../../../bin/reflex.mjs"), "policy", "verify", ...args], { env: { ...process.env }, encoding: "utf8", timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
      );
    });

  it("passes for an untouched version, from the service and from `npx reflex policy verify`", async () => {
    expect(await verifyPolicyVersion(db(), 2)).toMatchObject({ ok: true, version: 2 });
    const ok = await cli(["--active"]);
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^Policy v\d+ \(active\) verified: signed by Camille Ortiz on .*, digest [0-9a-f]{64}, Ed25519 signature valid/);
  });

  it("fails, and the command exits 1, when someone with table-owner rights edits a signed row", async () => {
    await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "PolicyVersion" DISABLE TRIGGER "PolicyVersion_frozen_when_signed"`);
      await tx.$executeRawUnsafe(`UPDATE "PolicyVersion" SET "document" = jsonb_set("document", '{failMode}', '"execute"') WHERE "version" = 2`);
      await tx.$executeRawUnsafe(`ALTER TABLE "PolicyVersion" ENABLE TRIGGER "PolicyVersion_frozen_when_signed"`);
    });
    expect(await verifyPolicyVersion(db(), 2)).toMatchObject({ ok: false, reason: expect.stringContaining("digest mismatch") });
    const broken = await cli(["2"]);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain("Policy v2 does NOT verify: digest mismatch");
    // A re-computed digest does not help without the private key.
    await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "PolicyVersion" DISABLE TRIGGER "PolicyVersion_frozen_when_signed"`);
      const { policyDigest } = await import("@/lib/domain/policy-signature");
      const row = await tx.policyVersion.findUniqueOrThrow({ where: { version: 2 } });
      await tx.policyVersion.update({ where: { version: 2 }, data: { digest: policyDigest(row.document as unknown as TPolicyDocument) } });
      await tx.$executeRawUnsafe(`ALTER TABLE "PolicyVersion" ENABLE TRIGGER "PolicyVersion_frozen_when_signed"`);
    });
    expect(await verifyPolicyVersion(db(), 2)).toMatchObject({ ok: false, reason: expect.stringContaining("signature does not match") });
    expect((await cli(["v2"])).status).toBe(1);
  });

  it("refuses to verify a draft, and a version that does not exist", async () => {
    const draft = await db().policyVersion.findFirstOrThrow({ where: { status: "DRAFT" } });
    expect((await failure(verifyPolicyVersion(db(), draft.version))).message).toContain("was never signed");
    const missing = await cli(["999"]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("There is no policy v999.");
  });

  it("leaves an audit chain that verifies", async () => {
    expect((await verifyAuditChain(db())).filter((r) => !r.ok)).toEqual([]);
  });
});
