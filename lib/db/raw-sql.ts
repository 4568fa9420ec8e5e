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
const parseTextArray = (pg.types.getTypeParser as (oid: number) => (text: string) => (string | null)[])(1009);
const parseUtcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const TYPES = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8) return (text: string) => BigInt(text);
    if (oid === TIMESTAMP) return parseUtcTimestamp;
    if (oid === TIMESTAMP_ARRAY) return (text: string) => parseTextArray(text).map((item) => (item === null ? null : parseUtcTimestamp(item)));
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

// Dates go as UTC text, in arrays too: pg would write them in the process's zone, which a
// cast to timestamp without time zone drops.
function parameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(parameter);
  if (isPrismaFragment(value)) throw new TypeError("A Prisma.sql fragment cannot be sent straight on pg: write the statement with positional parameters.");
  return value;
}

function isPrismaFragment(value: unknown): boolean {
  return typeof value === "object" && value !== null && "strings" in value && "values" in value && "sql" in value;
}

function templateText(strings: TemplateStringsArray): string {
  return strings.reduce((text, part, i) => (i === 0 ? part : `${text}$${i}${part}`), "");
}

type TQueryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

// Sessions on a pool run each statement on its own; audit appends refuse them (runsInTransaction).
const autocommitSessions = new WeakSet<TRawSql>();

function rawSqlOn(on: TQueryable, checkOpen: () => void): TRawSql {
  const query = async (text: string, values: unknown[]) => {
    checkOpen();
    return on.query({ text, values: values.map(parameter), types: TYPES });
  };
  return {
    $queryRaw: async <T>(strings: TemplateStringsArray, ...values: unknown[]) => (await query(templateText(strings), values)).rows as T,
    $queryRawUnsafe: async <T>(text: string, ...values: unknown[]) => (await query(text, values)).rows as T,
    $executeRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => (await query(templateText(strings), values)).rowCount ?? 0,
    $executeRawUnsafe: async (text: string, ...values: unknown[]) => (await query(text, values)).rowCount ?? 0,
  };
}

/** Raw SQL on a pg pool, each statement on any free connection, outside any transaction. */
export function pgRawSql(pool: pg.Pool): TRawSql {
  const sql = rawSqlOn(pool, () => {});
  autocommitSessions.add(sql);
  return sql;
}

/** False for a session whose statements each commit on their own (a Prisma client, a pool). */
export function runsInTransaction(sql: TRawSql): boolean {
  return !("$transaction" in sql) && !autocommitSessions.has(sql);
}

const TRANSACTION_LIMIT_MS = 60_000;

/**
 * Runs `work` in one transaction on one connection of the pool: committed when it resolves,
 * rolled back when it throws. Bounded like Prisma's interactive transactions were, so a
 * stalled caller cannot hold the audit chain's head: the transaction refuses statements
 * after 60 s (PostgreSQL ends one that runs longer, or a session idle in it for 30 s), and
 * after it has ended (a statement sent late, say by a sibling of a failed Promise.all, would
 * otherwise run outside it). Waiting for a connection is bounded by the pool's timeout.
 */
export async function inPgTransaction<T>(pool: pg.Pool, work: (sql: TRawSql) => Promise<T>): Promise<T> {
  const connection = await pool.connect();
  const deadline = Date.now() + TRANSACTION_LIMIT_MS;
  let ended = false;
  let broken = false;
  const sql = rawSqlOn(connection, () => {
    if (ended) throw new Error("The transaction has ended: no statement may join it now.");
    if (Date.now() > deadline) throw new Error(`The transaction ran longer than ${TRANSACTION_LIMIT_MS / 1000} s and was rolled back.`);
  });
  try {
    await connection.query("BEGIN; SET LOCAL statement_timeout = '60s'; SET LOCAL idle_in_transaction_session_timeout = '30s'");
    const result = await work(sql);
    ended = true;
    await connection.query("COMMIT");
    return result;
  } catch (error) {
    ended = true;
    await connection.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    connection.release(broken);
  }
}
