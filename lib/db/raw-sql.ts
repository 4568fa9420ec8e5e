import pg from "pg";

// The loop's hot path (a group of alerts stored and decided in one transaction) sends its
// statements on the pg pool Prisma itself runs on, not through Prisma's query engine,
// which costs about twice the CPU per statement (docs/BENCHMARKS.md). Its modules ask for
// `TRawSql`: the raw-SQL methods of a Prisma client or transaction, which a pg session
// below also has, so the same code runs inside Prisma transactions elsewhere.

export type TRawSql = {
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): Promise<T>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): Promise<number>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
};

// Values come back as Prisma's raw queries return them: bigint for int8, and Prisma's
// DateTime columns (timestamp without time zone) read as UTC, not as the process's zone.
const INT8 = 20;
const TIMESTAMP = 1114;
const TIMESTAMP_ARRAY = 1115;
const parseTextArray = (pg.types.getTypeParser as (oid: number) => (text: string) => string[])(1009);
const parseUtcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const TYPES = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8) return (text: string) => BigInt(text);
    if (oid === TIMESTAMP) return parseUtcTimestamp;
    if (oid === TIMESTAMP_ARRAY) return (text: string) => parseTextArray(text).map(parseUtcTimestamp);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

// Dates go as UTC text (a Date would be written in the process's zone and lose it when cast
// to timestamp without time zone); bigints as text, which pg cannot send.
function parameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  return value;
}

function templateText(strings: TemplateStringsArray): string {
  return strings.reduce((text, part, i) => (i === 0 ? part : `${text}$${i}${part}`), "");
}

type TQueryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

/** Raw SQL on a pg pool (each statement on any free connection) or on one checked-out connection. */
export function pgRawSql(on: TQueryable): TRawSql {
  const query = async (text: string, values: unknown[]) => on.query({ text, values: values.map(parameter), types: TYPES });
  return {
    $queryRaw: async <T>(strings: TemplateStringsArray, ...values: unknown[]) => (await query(templateText(strings), values)).rows as T,
    $queryRawUnsafe: async <T>(text: string, ...values: unknown[]) => (await query(text, values)).rows as T,
    $executeRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => (await query(templateText(strings), values)).rowCount ?? 0,
    $executeRawUnsafe: async (text: string, ...values: unknown[]) => (await query(text, values)).rowCount ?? 0,
  };
}

/**
 * Runs `work` in one transaction on one connection of the pool: committed when it resolves,
 * rolled back when it throws. A statement may run 60 s and the session may sit idle in the
 * transaction 30 s (as Prisma's interactive transactions bound them), so a stalled caller
 * cannot hold the audit chain's head for longer.
 */
export async function inPgTransaction<T>(pool: pg.Pool, work: (sql: TRawSql) => Promise<T>): Promise<T> {
  const connection = await pool.connect();
  let broken = false;
  try {
    await connection.query("BEGIN; SET LOCAL statement_timeout = '60s'; SET LOCAL idle_in_transaction_session_timeout = '30s'");
    const result = await work(pgRawSql(connection));
    await connection.query("COMMIT");
    return result;
  } catch (error) {
    await connection.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    connection.release(broken);
  }
}
