// The protected list as CSV, for spreadsheets and CMDB exports: one registration a row,
// requirements in plain columns. Import validates every row on its own and names each
// problem by column, so a preview can show all of them before anything is written.
import { csvLine, parseCsv, unguardCsvCell } from "./csv";
import { parseDuration, formatShortDuration } from "./go-duration";
import { formatWindowsText, parseWindowsText } from "./maintenance-window";
import { ZRegistrationInput, type TRegistrationInput } from "./registration-input";
import { ACTION_TYPES, type TActionType } from "./types";

export const REGISTRATION_CSV_COLUMNS = [
  "selector_kind",
  "selector",
  "business_service",
  "business_unit",
  "asset_class",
  "criticality",
  "justification",
  "on_call_contact",
  "owner_email",
  "never_contain_automatically",
  "allowed_actions",
  "approval_by",
  "max_ttl",
  "preferred_action",
  "maintenance_windows",
  "certified_at",
  "expires_at",
] as const;
type TColumn = (typeof REGISTRATION_CSV_COLUMNS)[number];

const REQUIRED: TColumn[] = ["selector_kind", "selector", "business_service", "asset_class", "criticality", "justification", "on_call_contact"];
/** Written by export for the reader; on import a registration is certified when it is imported. */
const EXPORT_ONLY: TColumn[] = ["certified_at", "expires_at"];
export const MAX_IMPORT_ROWS = 5000;

export type TCsvRegistration = TRegistrationInput & { ownerEmail: string | null };
export type TCsvRow = {
  line: number;
  /** The selector as written, to name the row in a preview even when it is invalid. */
  label: string;
  input: TCsvRegistration | null;
  /** Column → messages; empty when the row is valid. */
  errors: Partial<Record<TColumn, string[]>>;
};
export type TCsvParse = { ok: true; rows: TCsvRow[] } | { ok: false; error: string };

const PATH_COLUMNS: Record<string, TColumn> = {
  "selector.kind": "selector_kind",
  "selector.value": "selector",
  businessService: "business_service",
  businessUnit: "business_unit",
  assetClass: "asset_class",
  criticality: "criticality",
  justification: "justification",
  onCallContact: "on_call_contact",
  "requirements.neverAutomatic": "never_contain_automatically",
  "requirements.allowedActions": "allowed_actions",
  "requirements.approvalBy": "approval_by",
  "requirements.maxTtlSeconds": "max_ttl",
  "requirements.preferredAction": "preferred_action",
  "requirements.maintenanceWindows": "maintenance_windows",
};

function columnOf(path: readonly PropertyKey[]): TColumn {
  const key = path.map(String).join(".");
  return PATH_COLUMNS[key] ?? PATH_COLUMNS[path.slice(0, 2).map(String).join(".")] ?? "selector";
}

type TCell<T> = { ok: true; value: T } | { ok: false; error: string };

function yesNo(text: string): TCell<boolean> {
  const t = text.toLowerCase();
  if (["", "no", "false", "0", "n"].includes(t)) return { ok: true, value: false };
  if (["yes", "true", "1", "y"].includes(t)) return { ok: true, value: true };
  return { ok: false, error: `"${text}" is not yes or no` };
}

function actionKey(text: string): TCell<TActionType> {
  const key = text.toLowerCase();
  return (ACTION_TYPES as readonly string[]).includes(key)
    ? { ok: true, value: key as TActionType }
    : { ok: false, error: `"${text}" is not an action: use ${ACTION_TYPES.join(", ")}` };
}

function actionList(text: string): TCell<TActionType[] | null> {
  const parts = text.split(/[\s,;|]+/).filter((p) => p !== "");
  if (parts.length === 0) return { ok: true, value: null };
  const out: TActionType[] = [];
  for (const part of parts) {
    const one = actionKey(part);
    if (!one.ok) return one;
    out.push(one.value);
  }
  return { ok: true, value: [...new Set(out)] };
}

function optional<T>(text: string, parse: (t: string) => TCell<T>): TCell<T | null> {
  return text === "" ? { ok: true, value: null } : parse(text);
}

function toRow(line: number, get: (c: TColumn) => string): TCsvRow {
  const errors: TCsvRow["errors"] = {};
  const fail = (column: TColumn, message: string) => (errors[column] ??= []).push(message);
  const cell = <T>(column: TColumn, result: TCell<T>): T | undefined => {
    if (result.ok) return result.value;
    fail(column, result.error);
    return undefined;
  };
  const requirements = {
    neverAutomatic: cell("never_contain_automatically", yesNo(get("never_contain_automatically"))),
    allowedActions: cell("allowed_actions", actionList(get("allowed_actions"))),
    approvalBy: get("approval_by") || null,
    maxTtlSeconds: cell("max_ttl", optional(get("max_ttl"), parseDuration)),
    preferredAction: cell("preferred_action", optional(get("preferred_action"), actionKey)),
    maintenanceWindows: cell("maintenance_windows", parseWindowsText(get("maintenance_windows"))),
  };
  const parsed = ZRegistrationInput.safeParse({
    selector: { kind: get("selector_kind").toLowerCase(), value: get("selector") },
    businessService: get("business_service"),
    businessUnit: get("business_unit"),
    assetClass: get("asset_class"),
    criticality: get("criticality").toUpperCase(),
    justification: get("justification"),
    onCallContact: get("on_call_contact"),
    requirements,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = columnOf(issue.path);
      // A cell that did not convert already has its own message; zod's "expected a boolean" adds nothing.
      if (!errors[column]) fail(column, issue.message);
    }
  }
  const ownerEmail = get("owner_email").toLowerCase() || null;
  if (ownerEmail && !/^[^\s@]+@[^\s@]+$/.test(ownerEmail)) fail("owner_email", `"${ownerEmail}" is not an e-mail address`);
  const valid = parsed.success && Object.keys(errors).length === 0;
  return { line, label: `${get("selector_kind")} ${get("selector")}`.trim(), input: valid ? { ...parsed.data, ownerEmail } : null, errors };
}

/** Parses and validates a whole file; a file-level problem (no header, too many rows) is one error. */
export function parseRegistrationCsv(text: string): TCsvParse {
  const parsed = parseCsv(text);
  if (!parsed.ok) return parsed;
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, error: "The file is empty: the first line must name the columns" };
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const unknown = names.filter((n) => !(REGISTRATION_CSV_COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0) return { ok: false, error: `Unknown column ${unknown.map((u) => `"${u}"`).join(", ")}: the columns are ${REGISTRATION_CSV_COLUMNS.join(", ")}` };
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length > 0) return { ok: false, error: `Missing column ${missing.join(", ")}` };
  if (records.length === 0) return { ok: false, error: "The file has a header but no registrations" };
  if (records.length > MAX_IMPORT_ROWS) return { ok: false, error: `The file has ${records.length} rows: import at most ${MAX_IMPORT_ROWS} at a time` };

  const seen = new Map<string, number>();
  const rows = records.map(({ line, cells }) => {
    const get = (column: TColumn) => {
      const i = names.indexOf(column);
      return i === -1 || EXPORT_ONLY.includes(column) ? "" : unguardCsvCell((cells[i] ?? "").trim());
    };
    const row = toRow(line, get);
    if (row.input) {
      const key = `${row.input.selector.kind}:${row.input.selector.value}`;
      const first = seen.get(key);
      if (first !== undefined) {
        row.errors.selector = [`Registered twice in this file: line ${first} has the same selector`];
        row.input = null;
      } else {
        seen.set(key, line);
      }
    }
    return row;
  });
  return { ok: true, rows };
}

export type TCsvExportRow = TRegistrationInput & { ownerEmail: string; certifiedAt: Date; expiresAt: Date | null };

export function registrationCsvHeader(): string {
  return csvLine(REGISTRATION_CSV_COLUMNS);
}

/** One row in REGISTRATION_CSV_COLUMNS order; the file it makes imports back unchanged. */
export function registrationCsvRow(reg: TCsvExportRow): string {
  const r = reg.requirements;
  const values: Record<TColumn, unknown> = {
    selector_kind: reg.selector.kind,
    selector: reg.selector.value,
    business_service: reg.businessService,
    business_unit: reg.businessUnit,
    asset_class: reg.assetClass,
    criticality: reg.criticality.toLowerCase(),
    justification: reg.justification,
    on_call_contact: reg.onCallContact,
    owner_email: reg.ownerEmail,
    never_contain_automatically: r.neverAutomatic ? "yes" : "no",
    allowed_actions: r.allowedActions?.join(" ") ?? "",
    approval_by: r.approvalBy ?? "",
    max_ttl: r.maxTtlSeconds === null ? "" : formatShortDuration(r.maxTtlSeconds),
    preferred_action: r.preferredAction ?? "",
    maintenance_windows: formatWindowsText(r.maintenanceWindows),
    certified_at: reg.certifiedAt,
    expires_at: reg.expiresAt,
  };
  return csvLine(REGISTRATION_CSV_COLUMNS.map((c) => values[c]));
}
