import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import type { TRegistrationInput } from "@/lib/domain/registration-input";
import { ExpectedError } from "@/lib/server/errors";
import { createUser } from "@/lib/server/users/create-user";
import { seedDemo } from "@/prisma/seed-demo";
import { signInAs, signOut } from "@/tests/api/session-mock";
import { createRegistration } from "./create-registration";
import { deleteRegistration } from "./delete-registration";
import { exportRegistrationsCsv } from "./export-registrations";
import { handOverRegistration } from "./hand-over-registration";
import { importRegistrations } from "./import-registrations";
import { listRegistrations } from "./list-registrations";
import { recertifyRegistration } from "./recertify-registration";
import { registrationScopeOf } from "./registration-scope";
import { person, registrationInput, type TPerson } from "./test-fixtures";
import { updateRegistration } from "./update-registration";
import { findMatchingRegistrations } from "./find-matching-registrations";
import { findRegistrationOverlaps } from "./find-registration-overlaps";

vi.mock("@/lib/server/auth/current-user", () => import("@/tests/api/session-mock"));
vi.mock("@/lib/server/http/request-meta", () => ({
  currentRequestMeta: async () => ({ ip: "127.0.0.1", userAgent: "vitest" }),
  requestMetaFrom: () => ({ ip: "127.0.0.1", userAgent: "vitest" }),
}));
const actions = await import("@/app/(console)/assets/actions");

let priya: TPerson; // the demo OWNER
let omar: TPerson; // a second OWNER
let sam: TPerson; // SOC

beforeAll(async () => {
  await seedDemo(db());
  await createUser(db(), { input: { email: "omar@example.com", name: "Omar Haddad", role: "OWNER" }, actor: { kind: "SYSTEM", name: "test" } });
  [priya, omar, sam] = await Promise.all([person("owner@example.com"), person("omar@example.com"), person("soc@example.com")]);
});

const create = (who: TPerson, value: string, extra: Partial<TRegistrationInput> = {}) =>
  createRegistration(db(), { input: registrationInput(value, extra), scope: registrationScopeOf(who), actor: who.actor, actorUserId: who.id, via: "console" });

async function refusedWith(promise: Promise<unknown>, code: string): Promise<ExpectedError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ExpectedError);
  expect((error as ExpectedError).code).toBe(code);
  return error as ExpectedError;
}

async function auditChanges(registrationId: string): Promise<string[]> {
  const events = await db().auditEvent.findMany({ where: { type: "REGISTRATION_CHANGED" }, orderBy: { id: "asc" } });
  return events.filter((e) => (e.data as { registrationId?: string }).registrationId === registrationId).map((e) => (e.data as { change: string }).change);
}

describe("owner scope", () => {
  it("lets an OWNER see and change only their own registrations; not theirs reads as not there", async () => {
    const omars = await create(omar, "10.40.0.0/24");
    const scope = registrationScopeOf(priya);
    const edit = { ...registrationInput("10.40.0.0/24"), businessService: "Taken over" };
    await refusedWith(updateRegistration(db(), { id: omars.id, input: edit, scope, actor: priya.actor }), "NOT_FOUND");
    await refusedWith(deleteRegistration(db(), { id: omars.id, scope, actor: priya.actor }), "NOT_FOUND");
    await refusedWith(handOverRegistration(db(), { handOver: { id: omars.id, toOwnerId: priya.id, note: "" }, scope, actor: priya.actor }), "NOT_FOUND");
    await refusedWith(recertifyRegistration(db(), { id: omars.id, scope, actor: priya.actor }), "NOT_FOUND");

    const priyasList = await listRegistrations(db(), { query: { limit: 500 }, scope });
    expect(priyasList.items.every((r) => r.owner.id === priya.id)).toBe(true);
    expect(priyasList.items.map((r) => r.id)).not.toContain(omars.id);
    const all = await listRegistrations(db(), { query: { limit: 500 }, scope: registrationScopeOf(sam) });
    expect(all.items.map((r) => r.id)).toContain(omars.id);

    const after = await db().protectedAsset.findUniqueOrThrow({ where: { id: omars.id } });
    expect(after).toMatchObject({ businessService: "Point of sale", deletedAt: null, ownerId: omar.id, editVersion: 1 });
    expect(await auditChanges(omars.id)).toEqual(["created"]);
  });

  it("an OWNER registers for themself whatever owner the request names", async () => {
    const created = await createRegistration(db(), { input: { ...registrationInput("10.41.0.1"), ownerId: omar.id }, scope: registrationScopeOf(priya), actor: priya.actor, actorUserId: priya.id, via: "console" });
    expect(created.owner.id).toBe(priya.id);
  });

  it("refuses a VIEWER every change, and an OWNER's action on another's registration, through the server actions", async () => {
    const omars = await create(omar, "10.42.0.0/24");
    await signInAs("VIEWER");
    for (const result of [
      await actions.createRegistrationAction(registrationInput("10.42.1.1")),
      await actions.deleteRegistrationAction({ id: omars.id }),
      await actions.recertifyRegistrationAction({ id: omars.id }),
      await actions.importRegistrationsAction({ csv: "x", mode: "preview" }),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    await signInAs("OWNER");
    expect(await actions.deleteRegistrationAction({ id: omars.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await actions.handOverRegistrationAction({ id: omars.id, toOwnerId: omar.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    signOut();
    expect((await db().protectedAsset.findUniqueOrThrow({ where: { id: omars.id } })).deletedAt).toBeNull();
  });
});

describe("field errors", () => {
  it("names the field of an invalid IP, CIDR, host name or requirement", async () => {
    await signInAs("OWNER");
    const bad = [
      [{ selector: { kind: "ip", value: "10.0.0.256" } }, "selector.value", /not an IP address/],
      [{ selector: { kind: "cidr", value: "2001:db8::/200" } }, "selector.value", /prefix length for IPv6/],
      [{ selector: { kind: "host", value: "db-.corp.example" } }, "selector.value", /must not start or end with a hyphen/],
      [{ selector: { kind: "host", value: "*.example" } }, "selector.value", /too broad/],
      [{ requirements: { maxTtlSeconds: 0 } }, "requirements.maxTtlSeconds", /above zero/],
      [{ requirements: { maintenanceWindows: [{ daysOfWeek: [1], start: "25:00", end: "04:00" }] } }, "requirements.maintenanceWindows.0.start", /HH:MM/],
      [{ assetClass: "mainframe" }, "assetClass", /not an asset class/],
    ] as const;
    for (const [patch, field, message] of bad) {
      const result = await actions.createRegistrationAction({ ...registrationInput("10.50.0.1"), ...patch });
      expect(result.ok, field).toBe(false);
      if (!result.ok) expect(result.fieldErrors[field]?.[0], field).toMatch(message);
    }
    signOut();
    expect(await db().protectedAsset.count({ where: { selectorValue: "10.50.0.1" } })).toBe(0);
  });

  it("refuses a second registration of the same selector by the same owner", async () => {
    await create(omar, "10.43.0.9");
    const error = await refusedWith(create(omar, "10.43.0.9"), "CONFLICT");
    expect(error.fieldErrors["selector.value"]?.[0]).toMatch(/already registered 10.43.0.9/);
  });
});

describe("changes", () => {
  it("edits with optimistic concurrency, hands over, re-certifies and deletes, each with an audit event", async () => {
    const reg = await create(priya, "10.44.0.0/16");
    const scope = registrationScopeOf(priya);
    const edited = await updateRegistration(db(), { id: reg.id, input: { ...registrationInput("10.44.0.0/16"), businessService: "Stores", editVersion: 1 }, scope, actor: priya.actor });
    expect(edited).toMatchObject({ businessService: "Stores", editVersion: 2 });
    const stale = await refusedWith(updateRegistration(db(), { id: reg.id, input: { ...registrationInput("10.44.0.0/16"), editVersion: 1 }, scope, actor: priya.actor }), "CONFLICT");
    expect(stale.message).toMatch(/while you were editing/);

    const later = new Date(Date.now() + 30 * 86_400_000);
    const recertified = await recertifyRegistration(db(), { id: reg.id, scope, actor: priya.actor, now: later });
    // The demo campaign covers the server class with a 90-day cadence.
    expect(recertified.certifiedAt.toISOString()).toBe(later.toISOString());
    expect(recertified.expiresAt?.getTime()).toBe(later.getTime() + 90 * 86_400_000);
    expect(recertified.campaign?.cadenceDays).toBe(90);

    const handed = await handOverRegistration(db(), { handOver: { id: reg.id, toOwnerId: omar.id, note: "moved to Omar's team" }, scope, actor: priya.actor });
    expect(handed.owner.name).toBe("Omar Haddad");
    // Priya no longer sees it; Omar does.
    await refusedWith(deleteRegistration(db(), { id: reg.id, scope, actor: priya.actor }), "NOT_FOUND");
    await deleteRegistration(db(), { id: reg.id, scope: registrationScopeOf(omar), actor: omar.actor });

    expect(await auditChanges(reg.id)).toEqual(["created", "edited", "recertified", "handed_over", "deleted"]);
    const summaries = (await db().auditEvent.findMany({ where: { type: "REGISTRATION_CHANGED", subjectValue: "10.44.0.0/16" }, orderBy: { id: "asc" } })).map((e) => e.summary);
    expect(summaries[3]).toBe("Priya Raman handed cidr 10.44.0.0/16 (Stores) over from Priya Raman to Omar Haddad: moved to Omar's team");
  });

  it("refuses a hand-over to a viewer, with the reason on the field", async () => {
    const reg = await create(priya, "10.45.0.1");
    const viewer = await person("viewer@example.com");
    const error = await refusedWith(handOverRegistration(db(), { handOver: { id: reg.id, toOwnerId: viewer.id, note: "" }, scope: registrationScopeOf(priya), actor: priya.actor }), "BAD_INPUT");
    expect(error.fieldErrors.toOwnerId?.[0]).toMatch(/viewer and cannot maintain registrations/);
  });
});

describe("protection", () => {
  it("stops protecting once deleted or expired, and protects again when re-certified", async () => {
    const reg = await create(omar, "10.46.0.0/24");
    const now = new Date();
    const ids = async (at: Date) => (await findMatchingRegistrations(db(), { kind: "ip", value: "10.46.0.7" }, at)).map((r) => r.id);
    expect(await ids(now)).toEqual([reg.id]);
    const afterExpiry = new Date((reg.expiresAt as Date).getTime() + 1000);
    expect(await ids(afterExpiry)).toEqual([]);
    await recertifyRegistration(db(), { id: reg.id, scope: registrationScopeOf(omar), actor: omar.actor, now: afterExpiry });
    expect(await ids(afterExpiry)).toEqual([reg.id]);
    await deleteRegistration(db(), { id: reg.id, scope: registrationScopeOf(omar), actor: omar.actor });
    expect(await ids(afterExpiry)).toEqual([]);
  });

  it("shows where a registration overlaps another owner's, with the strictest requirement", async () => {
    const reg = await create(omar, "10.20.5.0/24", { requirements: { ...registrationInput("x").requirements, approvalBy: null, maxTtlSeconds: 1800 } });
    const overlaps = await findRegistrationOverlaps(db(), [reg], new Date());
    expect(overlaps.get(reg.id)?.sentence).toBe(
      "Overlaps 10.20.0.0/16 registered by Priya Raman (Payments API): strictest requirement applies: approval by owner@example.com; at most 30m.",
    );
  });
});

const CSV_HEADER = "selector_kind,selector,business_service,asset_class,criticality,justification,on_call_contact,owner_email";

describe("CSV import and export", () => {
  const request = (csv: string, mode: "preview" | "all" | "valid-only") => ({ csv, mode });
  const csv = [
    CSV_HEADER,
    "ip,10.60.0.1,Kiosk,server,low,Self-service kiosk,kiosk-oncall,omar@example.com",
    "cidr,10.60.1.0/33,Kiosk,server,low,Kiosk subnet,kiosk-oncall,omar@example.com",
    "host,kiosk.retail.example,Kiosk,mainframe,low,Kiosk host,kiosk-oncall,nobody@example.com",
    "account,svc-kiosk,Kiosk,service-account,medium,Kiosk service,kiosk-oncall,",
  ].join("\n");

  it("previews per-row errors and writes nothing unless asked to import only the valid rows", async () => {
    const scope = registrationScopeOf(sam);
    const before = await db().protectedAsset.count();
    const auditBefore = await db().auditEvent.count();
    const preview = await importRegistrations(db(), { request: request(csv, "preview"), scope, actor: sam.actor, actorUserId: sam.id });
    expect(preview).toMatchObject({ valid: 2, invalid: 2, written: 0 });
    expect(preview.rows.map((r) => [r.line, Object.keys(r.errors).sort()])).toEqual([
      [2, []],
      [3, ["selector"]],
      [4, ["asset_class", "owner_email"]],
      [5, []],
    ]);
    expect(preview.rows[3]?.owner).toBe("Sam Okafor");

    const all = await importRegistrations(db(), { request: request(csv, "all"), scope, actor: sam.actor, actorUserId: sam.id });
    expect(all.written).toBe(0);
    expect(await db().protectedAsset.count()).toBe(before);
    expect(await db().auditEvent.count()).toBe(auditBefore);

    const validOnly = await importRegistrations(db(), { request: request(csv, "valid-only"), scope, actor: sam.actor, actorUserId: sam.id });
    expect(validOnly.written).toBe(2);
    expect(await db().protectedAsset.count()).toBe(before + 2);
    const events = await db().auditEvent.findMany({ where: { type: "REGISTRATION_CHANGED", id: { gt: BigInt(0) } }, orderBy: { id: "desc" }, take: 2 });
    expect(events.map((e) => e.subjectValue).sort()).toEqual(["10.60.0.1", "svc-kiosk"]);

    // The same file again: the imported rows are now duplicates, so "all" still writes nothing.
    const again = await importRegistrations(db(), { request: request(csv, "all"), scope, actor: sam.actor, actorUserId: sam.id });
    expect(again.rows[0]?.errors.selector?.[0]).toMatch(/already registered 10.60.0.1/);
  });

  it("imports everything when every row is valid; an OWNER cannot import for someone else", async () => {
    const good = [CSV_HEADER, "ip,10.61.0.1,Kiosk,server,low,Kiosk,kiosk-oncall,", "ip,10.61.0.2,Kiosk,server,low,Kiosk,kiosk-oncall,omar@example.com"].join("\n");
    const asPriya = await importRegistrations(db(), { request: request(good, "all"), scope: registrationScopeOf(priya), actor: priya.actor, actorUserId: priya.id });
    expect(asPriya).toMatchObject({ valid: 1, invalid: 1, written: 0 });
    expect(asPriya.rows[1]?.errors.owner_email?.[0]).toMatch(/only your own registrations/);
    const asOmar = await importRegistrations(db(), { request: request(good, "all"), scope: registrationScopeOf(omar), actor: omar.actor, actorUserId: omar.id });
    expect(asOmar).toMatchObject({ valid: 2, invalid: 0, written: 2 });
  });

  it("exports the registrations in scope in the import format", async () => {
    const text = await new Response(exportRegistrationsCsv(db(), { scope: registrationScopeOf(omar) })).text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^selector_kind,selector,business_service/);
    expect(lines.slice(1).every((l) => l.includes("omar@example.com"))).toBe(true);
    expect(text).toContain("10.61.0.2");
    expect(text).not.toContain("10.20.0.0/16");
    const reimport = await importRegistrations(db(), { request: request(text, "preview"), scope: registrationScopeOf(omar), actor: omar.actor, actorUserId: omar.id });
    // Every row parses; each is only refused because it is already registered.
    expect(reimport.rows.every((r) => Object.keys(r.errors).join() === "selector")).toBe(true);
  });
});
