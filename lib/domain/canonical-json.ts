// Deterministic JSON for anything that gets hashed or signed (audit events, policies):
// the same value always gives the same bytes, whatever the key order it was built in.
// Close to RFC 8785 (keys sorted by UTF-16 code units, ECMAScript number text), but
// strict: anything JSON.stringify would silently change or drop is refused instead.
import { createHash } from "node:crypto";

function fail(path: string, what: string): never {
  throw new TypeError(`canonicalJson: ${what} at ${path || "the top level"}`);
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function encode(value: unknown, path: string, seen: Set<object>): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) fail(path, `non-finite number ${value}`);
      return JSON.stringify(value);
    case "object":
      break;
    default:
      fail(path, `unsupported ${typeof value}`);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) fail(path, "invalid Date");
    return JSON.stringify(value.toISOString());
  }
  if (seen.has(value)) fail(path, "circular reference");
  seen.add(value);
  let text: string;
  if (Array.isArray(value)) {
    // undefined inside an array becomes null, as in JSON.stringify: dropping it would
    // shift every later index.
    text = `[${value.map((item, i) => (item === undefined ? "null" : encode(item, `${path}[${i}]`, seen))).join(",")}]`;
  } else if (isPlainObject(value)) {
    const members = Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${encode(value[key], `${path}.${key}`, seen)}`);
    text = `{${members.join(",")}}`;
  } else {
    fail(path, `unsupported object (${value.constructor?.name ?? "unknown"}): convert it to plain data first`);
  }
  seen.delete(value);
  return text;
}

/** Sorted keys, no whitespace, Dates as ISO strings, undefined members dropped; throws a TypeError on non-finite numbers, bigints, functions, symbols, Maps/Sets/class instances and cycles. */
export function canonicalJson(value: unknown): string {
  return encode(value, "", new Set());
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
