import { beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { ExpectedError } from "@/lib/server/errors";
import { createUser } from "@/lib/server/users/create-user";
import { seedDemo } from "@/prisma/seed-demo";
import { createRegistration } from "./create-registration";
import { deleteRegistration } from "./delete-registration";
import { handOverRegistration } from "./hand-over-registration";
import { importRegistrations } from "./import-registrations";
import { writeNotYetRegistered } from "./registration-refs";
import { person, registrationInput, type TPerson } from "./test-fixtures";
import { ALL_REGISTRATIONS } from "./registration-scope";
import { updateRegistration } from "./update-registration";

// One live registration per owner and selector, held by a unique index as well as by the
// services' check. The check cannot see a registration another transaction has stored but
// not committed; only two sessions at once show that, so the races run on PostgreSQL
// (PGlite serves one session at a time), and on both the index is shown refusing a copy.
const onPglite = inject("templateDatabase").kind === "pglite";

let omar: TPerson; // an OWNER
let priya: TPerson; // the demo OWNER
let sam: TPerson; // SOC: changes anyone's registrations

beforeAll(async () => {
  await seedDemo(db());
  await createUser(db(), { input: { email: "omar@example.com", name: "Omar Haddad", role: "OWNER" }, actor: { kind: "SYSTEM", name: "test" } });
  [omar, priya, sam] = await Promise.all([person("omar@example.com"), person("owner@example.com"), person("soc@example.com")]);
});

/** SOC registers `value` for `owner`, as the console does. */
const create = (owner: TPerson, value: string) =>
  createRegistration(db(), { input: { ...registrationInput(value), ownerId: owner.id }, scope: ALL_REGISTRATIONS, actor: sam.actor, actorUserId: sam.id, via: "console" });

const CSV_HEADER = "selector_kind,selector,business_service,asset_class,criticality,justification,on_call_contact,owner_email";
const importFor = (owner: string, values: string[]) =>
  importRegistrations(db(), {
    request: { csv: [CSV_HEADER, ...values.map((v) => `ip,${v},Kiosk,server,low,Kiosk,kiosk-oncall,${owner}`)].join("\n"), mode: "all" },
    scope: ALL_REGISTRATIONS,
    actor: sam.actor,
    actorUserId: sam.id,
  });

async function live(owner: TPerson, value: string) {
  return db().protectedAsset.findMany({ where: { ownerId: owner.id, selectorValue: value, deletedAt: null }, select: { id: true } });
}

/** The REGISTRATION_CHANGED events about `value`, oldest first: which change, and of which registration. */
async function changesOf(value: string): Promise<{ change: string; registrationId: string }[]> {
  const events = await db().auditEvent.findMany({ where: { type: "REGISTRATION_CHANGED", subjectValue: value }, orderBy: { id: "asc" } });
  return events.map((e) => {
    const data = e.data as { change: string; registrationId: string };
    return { change: data.change, registrationId: data.registrationId };
  });
}

type TOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };
const outcome = <T>(p: Promise<T>): Promise<TOutcome<T>> => p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));

async function sessionsWaitingForALock(): Promise<number> {
  const [row] = await db().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  return row?.n ?? 0;
}

async function untilWaiting(n: number): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if ((await sessionsWaitingForALock()) >= n) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${n} sessions to wait for a lock`);
}

/**
 * `first` and `second` at once, in the order that lets both pass the services' check: every
 * change writes its row, then its audit event, so with the audit log's chain heads held
 * `first` stops with its row stored and uncommitted, and `second` starts only then.
 */
async function race<A, B>(first: () => Promise<A>, second: () => Promise<B>): Promise<[TOutcome<A>, TOutcome<B>]> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let holding!: () => void;
  const held = new Promise<void>((resolve) => (holding = resolve));
  const holder = db().$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT "partition" FROM "AuditChainHead" FOR UPDATE`;
      holding();
      await released;
    },
    { timeout: 30_000 },
  );
  await held;
  const a = outcome(first());
  await untilWaiting(1);
  const b = outcome(second());
  await untilWaiting(2);
  release();
  await holder;
  return Promise.all([a, b]);
}

function refusedAsRegistered(result: TOutcome<unknown>, field: string, sentence: string): void {
  expect(result.ok).toBe(false);
  const error = (result as { error: unknown }).error;
  expect(error).toBeInstanceOf(ExpectedError);
  expect((error as ExpectedError).code).toBe("CONFLICT");
  expect((error as ExpectedError).fieldErrors).toEqual({ [field]: [sentence] });
}

describe("the unique index", () => {
  it("refuses a second live registration of the same owner and selector, whoever writes it", async () => {
    const reg = await create(omar, "10.80.0.1");
    const copy = (id: string, deletedAt: "NULL" | "now()") =>
      db().$executeRawUnsafe(
        `INSERT INTO "ProtectedAsset" ("id", "selectorKind", "selectorValue", "ownerId", "businessService", "assetClass", "criticality",
           "justification", "onCallContact", "requirements", "certifiedAt", "updatedAt", "deletedAt")
         SELECT $1, "selectorKind", "selectorValue", "ownerId", "businessService", "assetClass", "criticality",
           "justification", "onCallContact", "requirements", "certifiedAt", now(), ${deletedAt}
         FROM "ProtectedAsset" WHERE "id" = $2`,
        id,
        reg.id,
      );
    await expect(copy(`${reg.id}-live`, "NULL")).rejects.toThrow(/ProtectedAsset_one_live_per_owner_selector/);
    // A removed registration is history, not a second copy.
    expect(await copy(`${reg.id}-removed`, "now()")).toBe(1);
    expect(await live(omar, "10.80.0.1")).toEqual([{ id: reg.id }]);
  });

  it("lets an owner register a selector again once its registration was removed", async () => {
    const first = await create(omar, "10.80.0.2");
    await deleteRegistration(db(), { id: first.id, scope: ALL_REGISTRATIONS, actor: sam.actor });
    const again = await create(omar, "10.80.0.2");
    expect(await live(omar, "10.80.0.2")).toEqual([{ id: again.id }]);
    expect((await changesOf("10.80.0.2")).map((c) => c.change)).toEqual(["created", "deleted", "created"]);
  });
});

describe("the index's refusal reported as the check's", () => {
  // What Prisma throws when a server with lc_messages=de_DE refuses the row: the code and the
  // index's name as on any server, the sentence and the quotes around the name translated.
  const german = Object.assign(new Error("Unique constraint failed"), {
    code: "P2002",
    meta: {
      modelName: "ProtectedAsset",
      driverAdapterError: { cause: { originalCode: "23505", originalMessage: "doppelter Schlüsselwert verletzt Unique-Constraint »ProtectedAsset_one_live_per_owner_selector«", kind: "UniqueConstraintViolation" } },
    },
  });

  it("whatever language the server answers in", async () => {
    const refused = await writeNotYetRegistered({ id: omar.id, name: omar.name, email: "omar@example.com" }, { kind: "ip", value: "198.51.100.77" }, "selector.value", () => Promise.reject(german)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ExpectedError);
    expect((refused as ExpectedError).code).toBe("CONFLICT");
    expect((refused as ExpectedError).fieldErrors).toEqual({ "selector.value": ["Omar Haddad already registered 198.51.100.77: edit that registration instead"] });
  });

  it("and passes any other unique violation on as it is", async () => {
    const other = { ...german, meta: { ...german.meta, driverAdapterError: { cause: { ...german.meta.driverAdapterError.cause, originalMessage: "duplicate key value violates unique constraint \"ProtectedAsset_pkey\"" } } } };
    const passed = await writeNotYetRegistered({ id: omar.id, name: omar.name, email: "omar@example.com" }, { kind: "ip", value: "198.51.100.77" }, "selector.value", () => Promise.reject(other)).catch((e: unknown) => e);
    expect(passed).toBe(other);
  });
});

describe.skipIf(onPglite)("two changes at once (PostgreSQL)", () => {
  it("stores one of two concurrent creates; the other is refused as the check refuses it, with no audit event", async () => {
    const [first, second] = await race(
      () => create(omar, "10.81.0.1"),
      () => create(omar, "10.81.0.1"),
    );
    expect(first.ok).toBe(true);
    refusedAsRegistered(second, "selector.value", "Omar Haddad already registered 10.81.0.1: edit that registration instead");
    expect(((second as { error: Error }).error).message).toBe("Omar Haddad already registered ip 10.81.0.1.");
    const stored = (first as { value: { id: string } }).value.id;
    expect(await live(omar, "10.81.0.1")).toEqual([{ id: stored }]);
    expect(await changesOf("10.81.0.1")).toEqual([{ change: "created", registrationId: stored }]);
  });

  it("refuses a hand-over to an owner who registered the same selector meanwhile, and leaves the registration where it was", async () => {
    const priyas = await create(priya, "10.81.0.2");
    const [created, handOver] = await race(
      () => create(omar, "10.81.0.2"),
      () => handOverRegistration(db(), { handOver: { id: priyas.id, toOwnerId: omar.id, note: "" }, scope: ALL_REGISTRATIONS, actor: sam.actor }),
    );
    expect(created.ok).toBe(true);
    refusedAsRegistered(handOver, "toOwnerId", "Omar Haddad already registered 10.81.0.2: edit that registration instead");
    const omars = (created as { value: { id: string } }).value.id;
    expect(await live(omar, "10.81.0.2")).toEqual([{ id: omars }]);
    expect(await db().protectedAsset.findUniqueOrThrow({ where: { id: priyas.id } })).toMatchObject({ ownerId: priya.id, editVersion: 1 });
    expect(await changesOf("10.81.0.2")).toEqual([
      { change: "created", registrationId: priyas.id },
      { change: "created", registrationId: omars },
    ]);
  });

  it("refuses a create while a hand-over gives the owner the same selector", async () => {
    const priyas = await create(priya, "10.81.0.3");
    const [handOver, created] = await race(
      () => handOverRegistration(db(), { handOver: { id: priyas.id, toOwnerId: omar.id, note: "" }, scope: ALL_REGISTRATIONS, actor: sam.actor }),
      () => create(omar, "10.81.0.3"),
    );
    expect(handOver.ok).toBe(true);
    refusedAsRegistered(created, "selector.value", "Omar Haddad already registered 10.81.0.3: edit that registration instead");
    expect(await live(omar, "10.81.0.3")).toEqual([{ id: priyas.id }]);
    expect((await changesOf("10.81.0.3")).map((c) => c.change)).toEqual(["created", "handed_over"]);
  });

  it("refuses an edit onto a selector the owner registered meanwhile", async () => {
    const omars = await create(omar, "10.81.0.4");
    const [created, edited] = await race(
      () => create(omar, "10.81.0.5"),
      () => updateRegistration(db(), { id: omars.id, input: registrationInput("10.81.0.5"), scope: ALL_REGISTRATIONS, actor: sam.actor }),
    );
    expect(created.ok).toBe(true);
    refusedAsRegistered(edited, "selector.value", "Omar Haddad already registered 10.81.0.5: edit that registration instead");
    expect(await db().protectedAsset.findUniqueOrThrow({ where: { id: omars.id } })).toMatchObject({ selectorValue: "10.81.0.4", editVersion: 1 });
    expect((await changesOf("10.81.0.4")).map((c) => c.change)).toEqual(["created"]);
    expect((await changesOf("10.81.0.5")).map((c) => c.change)).toEqual(["created"]);
  });

  it("refuses the whole of an import that overlaps one running at the same time, naming the row", async () => {
    // The files share two rows, in opposite orders: imports that stored in file order deadlocked here.
    const [first, second] = await race(
      () => importFor("omar@example.com", ["10.82.0.1", "10.82.0.2"]),
      () => importFor("omar@example.com", ["10.82.0.2", "10.82.0.3", "10.82.0.1"]),
    );
    expect(first).toMatchObject({ ok: true, value: { written: 2 } });
    expect(second.ok).toBe(false);
    const error = (second as { error: unknown }).error;
    expect(error).toBeInstanceOf(ExpectedError);
    expect(error).toMatchObject({ code: "CONFLICT", message: "Line 2: Omar Haddad already registered 10.82.0.2: edit that registration instead (also line 4). Nothing was imported." });
    expect(await live(omar, "10.82.0.3")).toEqual([]);
    expect(await changesOf("10.82.0.3")).toEqual([]);
    for (const shared of ["10.82.0.1", "10.82.0.2"]) {
      expect(await live(omar, shared)).toHaveLength(1);
      expect((await changesOf(shared)).map((c) => c.change)).toEqual(["created"]);
    }
  });
});
