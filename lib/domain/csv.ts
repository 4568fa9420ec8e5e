// CSV for exports that people open in spreadsheets (RFC 4180 quoting). Alert titles and
// account names come from attackers: a cell starting with = + - @ (or a tab or carriage
// return) would run as a formula in Excel or Sheets, so it is prefixed with a quote.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record with its CRLF line ending. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** The text a cell held before csvCell guarded it: the quote before a formula character goes. */
export function unguardCsvCell(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/**
 * RFC 4180 records (quoted fields may hold commas, quotes and line breaks; CRLF or LF line
 * ends; a leading byte-order mark from spreadsheet exports is dropped). Blank lines are
 * skipped; each record keeps the line it started on for error messages.
 */
export function parseCsv(input: string): { ok: true; records: { line: number; cells: string[] }[] } | { ok: false; error: string } {
  const text = input.replace(/^\uFEFF/, "");
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== "") records.push({ line: recordLine, cells });
    cells = [];
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === "") {
      quoted = true;
      quoteLine = line;
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) return { ok: false, error: `Line ${quoteLine}: a quoted field is never closed (a " is missing)` };
  endRecord();
  return { ok: true, records };
}
