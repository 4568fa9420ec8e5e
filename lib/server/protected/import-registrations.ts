import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { TDb, TTx } from "@/lib/db/client";
import { compareText } from "@/lib/domain/compare-text";
import { parseRegistrationCsv, type TCsvRow } from "@/lib/domain/registration-csv";
import type { TRegistrationInput } from "@/lib/domain/registration-input";
import { appendAuditEvents, type TAuditActor } from "@/lib/server/audit/append-audit";
import { insertRows } from "@/lib/server/db/insert-rows";
import { ExpectedError } from "@/lib/server/errors";
import { creationEvent } from "./create-registration";
import { alreadyRegisteredMessage, certificationAmong, openCampaigns, resolveOwner, type TOwner } from "./registration-refs";
import type { TRegistrationScope } from "./registration-scope";
import { REGISTRATION_SELECT, registrationColumns, toRegistrationView } from "./registration-view";

// Server actions take at most 1 MB; the limit leaves room for the rest of the request.
export const MAX_IMPORT_CHARS = 900_000;

export const ZImportRequest = z.object({
  csv: z.string().min(1, "Choose a CSV file.").max(MAX_IMPORT_CHARS, `The file is too large: import at most ${MAX_IMPORT_CHARS / 1000} kB at a time.`),
  /** preview: validate only; all: write everything or nothing; valid-only: write the rows that pass. */
  mode: z.enum(["preview", "all", "valid-only"]),
});
export type TImportRequest = z.output<typeof ZImportRequest>;

export type TImportRow = { line: number; label: string; owner: string | null; errors: Record<string, string[]> };
export type TImportResult = { rows: TImportRow[]; valid: number; invalid: number; written: number };

const IMPORT_TX = { timeout: 120_000, maxWait: 10_000 };

type TChecked = { row: TCsvRow; owner: TOwner | null; errors: Record<string, string[]> };

/** The checks that need the database: asset class, owner, and not registered already. */
async function checkRows(tx: TTx, rows: TCsvRow[], scope: TRegistrationScope, actorUserId: string | null): Promise<TChecked[]> {
  const classes = new Set((await tx.assetClass.findMany({ select: { key: true } })).map((c) => c.key));
  const owners = new Map<string, TOwner | string>();
  const ownerOf = async (ref: { id: string } | { email: string }): Promise<TOwner | string> => {
    const key = "id" in ref ? `id:${ref.id}` : ref.email;
    if (!owners.has(key)) {
      owners.set(key, await resolveOwner(tx, ref, "owner_email").catch((e: unknown) => {
        if (e instanceof ExpectedError) return Object.values(e.fieldErrors).flat()[0] ?? e.message;
        throw e;
      }));
    }
    return owners.get(key) as TOwner | string;
  };
  const checked: TChecked[] = [];
  for (const row of rows) {
    const errors: Record<string, string[]> = { ...(row.errors as Record<string, string[]>) };
    let owner: TOwner | null = null;
    if (row.input) {
      const email = row.input.ownerEmail;
      let resolved: TOwner | string;
      if (scope.ownerId) {
        resolved = await ownerOf({ id: scope.ownerId });
        if (typeof resolved !== "string" && email && email !== resolved.email.toLowerCase()) resolved = `You can import only your own registrations: leave owner_email empty or write ${resolved.email}`;
      } else if (email) {
        resolved = await ownerOf({ email });
      } else {
        resolved = actorUserId ? await ownerOf({ id: actorUserId }) : "Name the owner (owner_email): a token cannot own registrations";
      }
      if (typeof resolved === "string") errors.owner_email = [resolved];
      else owner = resolved;
      if (!classes.has(row.input.assetClass)) errors.asset_class = [`"${row.input.assetClass}" is not an asset class: use one of ${[...classes].sort().join(", ")}`];
    }
    checked.push({ row, owner, errors });
  }
  // Registered already: one lookup for the whole file (one a row made a 5,000-row preview take seconds).
  const registered = await liveRegistrations(tx, checked.flatMap((c) => (c.row.input && c.owner ? [{ owner: c.owner, selector: c.row.input.selector }] : [])));
  for (const c of checked) {
    if (c.row.input && c.owner && registered.has(pairKey(c.owner, c.row.input.selector))) {
      c.errors.selector = [alreadyRegisteredMessage(c.owner, c.row.input.selector)];
    }
  }
  return checked;
}

const pairKey = (owner: { id: string }, selector: { kind: string; value: string }) => `${owner.id}\u0000${selector.kind}\u0000${selector.value}`;

/** Which of these (owner, selector) pairs have a live registration, on the index that makes them unique. */
async function liveRegistrations(tx: TTx, pairs: readonly { owner: TOwner; selector: { kind: string; value: string } }[]): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ ownerId: string; kind: string; value: string }[]>`
    SELECT p."ownerId", p."selectorKind"::text AS "kind", p."selectorValue" AS "value"
    FROM unnest(${pairs.map((p) => p.owner.id)}::text[], ${pairs.map((p) => p.selector.kind)}::text[], ${pairs.map((p) => p.selector.value)}::text[]) AS t("ownerId", "kind", "value")
    JOIN "ProtectedAsset" p ON p."ownerId" = t."ownerId" AND p."selectorKind" = t."kind"::"EntityKind" AND p."selectorValue" = t."value"
    WHERE p."deletedAt" IS NULL`;
  return new Set(rows.map((r) => pairKey({ id: r.ownerId }, r)));
}

type TWritable = { line: number; input: TRegistrationInput; owner: TOwner };

const COLUMNS = [
  "id", "selectorKind", "selectorValue", "ownerId", "campaignId", "businessService", "businessUnit", "assetClass", "criticality",
  "justification", "onCallContact", "requirements", "certifiedAt", "expiresAt", "createdAt", "updatedAt",
] as const;

/**
 * Stores every row in one statement, then signs every row in one append, in file order (a
 * statement a row made a 5,000-row import take most of a minute). Rows go in one order (by
 * owner and selector), so an import that meets a row another transaction is storing at that
 * moment waits for it instead of deadlocking with it. A row the database refuses as a second
 * live registration (another change stored it meanwhile, or the file repeats it) is not
 * stored, and the whole import is refused, naming its line.
 */
async function writeRows(tx: TTx, checked: TChecked[], options: { actor: TAuditActor; now: Date }): Promise<void> {
  const { now } = options;
  const rows = checked.flatMap((c): TWritable[] => (c.row.input && c.owner ? [{ line: c.row.line, input: c.row.input, owner: c.owner }] : []));
  if (rows.length === 0) return;
  const campaigns = await openCampaigns(tx, now);
  const planned = rows
    .toSorted((a, b) => compareText(pairKey(a.owner, a.input.selector), pairKey(b.owner, b.input.selector)))
    .map((row) => ({ row, id: randomUUID(), certification: certificationAmong(campaigns, row.input, now) }));
  const inserted = await insertRows<{ id: string }>(tx, {
    table: "ProtectedAsset",
    columns: COLUMNS,
    rows: planned.map(({ row, id, certification }) => ({
      id,
      ...registrationColumns(row.input),
      ownerId: row.owner.id,
      campaignId: certification.campaignId,
      certifiedAt: certification.certifiedAt,
      expiresAt: certification.expiresAt,
      createdAt: now,
      updatedAt: now,
    })),
    suffix: `ON CONFLICT DO NOTHING RETURNING "id"`,
  });
  const stored = new Set(inserted.map((r) => r.id));
  const [refused, ...alsoRefused] = planned.filter((p) => !stored.has(p.id)).sort((a, b) => a.row.line - b.row.line);
  if (refused) {
    const { owner, input } = refused.row;
    const why = alreadyRegisteredMessage(owner, input.selector);
    const also = alsoRefused.length ? ` (also line${alsoRefused.length === 1 ? "" : "s"} ${alsoRefused.map((p) => p.row.line).join(", ")})` : "";
    throw new ExpectedError("CONFLICT", `Line ${refused.row.line}: ${why}${also}. Nothing was imported.`);
  }
  const views = new Map(
    (await tx.protectedAsset.findMany({ where: { id: { in: planned.map((p) => p.id) } }, select: REGISTRATION_SELECT })).map((row) => [row.id, toRegistrationView(row)]),
  );
  await appendAuditEvents(
    tx,
    planned
      .toSorted((a, b) => a.row.line - b.row.line)
      .map(({ row, id, certification }) => creationEvent({ stored: { view: views.get(id)!, certification }, actor: options.actor, via: `csv import, line ${row.line}` })),
  );
}

/**
 * CSV import in one transaction. Preview writes nothing; "all" writes nothing unless every
 * row is valid; "valid-only" writes the rows that pass and reports the others.
 */
export async function importRegistrations(
  client: TDb,
  options: { request: TImportRequest; scope: TRegistrationScope; actor: TAuditActor; actorUserId: string | null; now?: Date },
): Promise<TImportResult> {
  const { request, scope, actor } = options;
  const parsed = parseRegistrationCsv(request.csv);
  if (!parsed.ok) throw new ExpectedError("BAD_INPUT", parsed.error, { csv: [parsed.error] });
  const now = options.now ?? new Date();
  return client.$transaction(async (tx) => {
    const checked = await checkRows(tx, parsed.rows, scope, options.actorUserId);
    const valid = checked.filter((c) => Object.keys(c.errors).length === 0);
    const mayWrite = request.mode === "valid-only" || (request.mode === "all" && valid.length === checked.length);
    if (mayWrite) await writeRows(tx, valid, { actor, now });
    return {
      rows: checked.map((c) => ({ line: c.row.line, label: c.row.label, owner: c.owner?.name ?? null, errors: c.errors })),
      valid: valid.length,
      invalid: checked.length - valid.length,
      written: mayWrite ? valid.length : 0,
    };
  }, IMPORT_TX);
}
