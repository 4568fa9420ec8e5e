// The outcome of parsing user or machine input: a value, or an error that says what to fix.
export type TParseResult<T> = { ok: true; value: T } | { ok: false; error: string };
