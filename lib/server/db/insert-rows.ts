import type { TRawSql } from "@/lib/db/raw-sql";

// Multi-row INSERTs for the hot path. The loop writes hundreds of rows per batch
// (alerts, decisions, containments, audit events). One statement per row through Prisma's
// query builder cost more CPU than the rest of a decision, and so did one bound parameter
// per value (docs/BENCHMARKS.md): the rows travel as ONE JSON parameter that
// json_populate_recordset turns into the table's own row type, so every column gets its
// declared type (enums, jsonb, arrays, timestamps) without a cast per parameter.

/** Rows per statement: bounds one statement's size, not a limit of PostgreSQL's. */
const ROWS_PER_STATEMENT = 1000;

export function chunked<T>(items: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * The rows as one JSON text. Dates become ISO-8601 UTC text, which a timestamp(3) column
 * (UTC without zone, as Prisma writes it) reads as the same instant: PostgreSQL ignores
 * the zone suffix for timestamp without time zone. bigint values must arrive as strings.
 */
export function rowsParameter(rows: readonly object[]): string {
  return JSON.stringify(rows);
}

/**
 * `SELECT <columns> FROM <the rows parameter $n>` in the given order, for
 * `INSERT INTO "<table>" (<columns>) …`. Columns left out take their defaults.
 */
export function selectRows(table: string, columns: readonly string[], parameter: number): string {
  const list = columns.map((c) => `r."${c}"`).join(", ");
  return `SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $${parameter}::json) WITH ORDINALITY AS r ORDER BY r."ordinality"`;
}

/**
 * INSERT INTO "<table>" (<columns>) … [suffix] for any number of rows, in statements of at
 * most ROWS_PER_STATEMENT rows; returns what each statement's RETURNING gave, concatenated.
 */
export async function insertRows<R = never>(
  tx: TRawSql,
  options: { table: string; columns: readonly string[]; rows: readonly object[]; suffix?: string },
): Promise<R[]> {
  const returned: R[] = [];
  const columnList = options.columns.map((c) => `"${c}"`).join(", ");
  for (const chunk of chunked(options.rows)) {
    const statement = `INSERT INTO "${options.table}" (${columnList}) ${selectRows(options.table, options.columns, 1)} ${options.suffix ?? ""}`;
    if (options.suffix?.includes("RETURNING")) returned.push(...(await tx.$queryRawUnsafe<R[]>(statement, rowsParameter(chunk))));
    else await tx.$executeRawUnsafe(statement, rowsParameter(chunk));
  }
  return returned;
}
