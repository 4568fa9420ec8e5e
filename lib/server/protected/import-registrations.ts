import "server-only";
import { z } from "zod";
import type { TDb, TTx } from "@/lib/db/client";
import { compareText } from "@/lib/domain/compare-text";
import { parseRegistrationCsv, type TCsvRow } from "@/lib/domain/registration-csv";
import type { TRegistrationInput } from "@/lib/domain/registration-input";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";
import { recordCreation, storeRegistration, type TStoredRegistration } from "./create-registration";
import { resolveOwner, type TOwner } from "./registration-refs";
import type { TRegistrationScope } from "./registration-scope";

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
      if (owner) {
        const existing = await tx.protectedAsset.findFirst({
          where: { ownerId: owner.id, selectorKind: row.input.selector.kind, selectorValue: row.input.selector.value, deletedAt: null },
          select: { id: true },
        });
        if (existing) errors.selector = [`${owner.name} already registered ${row.input.selector.value}: edit that registration instead`];
      }
    }
    checked.push({ row, owner, errors });
  }
  return checked;
}

type TWritable = { line: number; input: TRegistrationInput; owner: TOwner };

/**
 * Stores every row, then records every row. Every import stores its rows in one order (by
 * owner and selector) and holds no audit lock until its last row is stored, so an import
 * that meets a row another transaction is storing at that moment waits for it instead of
 * deadlocking with it, and is then refused as a whole, naming the row.
 */
async function writeRows(tx: TTx, checked: TChecked[], options: { actor: TAuditActor; now: Date }): Promise<void> {
  const rows = checked.flatMap((c): TWritable[] => (c.row.input && c.owner ? [{ line: c.row.line, input: c.row.input, owner: c.owner }] : []));
  const stored: { row: TWritable; registration: TStoredRegistration }[] = [];
  for (const row of rows.toSorted((a, b) => compareText(storeOrderOf(a), storeOrderOf(b)))) {
    const registration = await storeRegistration(tx, { input: row.input, owner: row.owner, now: options.now }).catch((error: unknown) => {
      if (error instanceof ExpectedError && error.code === "CONFLICT") {
        throw new ExpectedError("CONFLICT", `Line ${row.line}: ${Object.values(error.fieldErrors).flat()[0] ?? error.message}. Nothing was imported.`);
      }
      throw error;
    });
    stored.push({ row, registration });
  }
  for (const { row, registration } of stored.toSorted((a, b) => a.row.line - b.row.line)) {
    await recordCreation(tx, { stored: registration, actor: options.actor, via: `csv import, line ${row.line}` });
  }
}

function storeOrderOf(row: TWritable): string {
  return `${row.owner.id}\u0000${row.input.selector.kind}\u0000${row.input.selector.value}`;
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
