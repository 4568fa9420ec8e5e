// Deterministic JSON for anything that gets hashed or signed (audit events, policies):
// the same value always gives the same bytes, whatever the key order it was built in.
// Close to RFC 8785 (keys sorted by UTF-16 code units, ECMAScript number text), but
// strict: anything JSON.stringify would silently change or drop is refused instead.
import { createHash } from "node:crypto";

// Where a value sits, as a stack of keys and indices: spelled out only for an error, since
// every audit event is encoded on the loop's hot path.
type TPath = (string | number)[];

function fail(path: TPath, what: string): never {
  const where = path.map((step) => (typeof step === "number" ? `[${step}]` : `.${step}`)).join("");
  throw new TypeError(`canonicalJson: ${what} at ${where || "the top level"}`);
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function encode(value: unknown, path: TPath, seen: Set<object>): string {
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
    text = "[";
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      // undefined inside an array becomes null, as in JSON.stringify: dropping it would
      // shift every later index.
      path.push(i);
      text += (i === 0 ? "" : ",") + (item === undefined ? "null" : encode(item, path, seen));
      path.pop();
    }
    text += "]";
  } else if (isPlainObject(value)) {
    text = "{";
    for (const key of Object.keys(value).sort()) {
      const member = value[key];
      if (member === undefined) continue;
      path.push(key);
      text += (text.length === 1 ? "" : ",") + JSON.stringify(key) + ":" + encode(member, path, seen);
      path.pop();
    }
    text += "}";
  } else {
    fail(path, `unsupported object (${value.constructor?.name ?? "unknown"}): convert it to plain data first`);
  }
  seen.delete(value);
  return text;
}

// The same encoding without the bookkeeping that only an error needs (where the value sits,
// which objects are open): every audit event is hashed over it, and that bookkeeping was
// a third of its cost. Anything it does not take as it comes goes to `encode`, which
// gives the answer or the precise error.
const BAIL = Symbol("bail");
const MAX_FAST_DEPTH = 64;

function encodeFast(value: unknown, depth: number): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw BAIL;
      return JSON.stringify(value);
    case "object":
      break;
    default:
      throw BAIL;
  }
  // Deeper than any event's data: a cycle, or a structure the careful path can take.
  if (depth > MAX_FAST_DEPTH) throw BAIL;
  if (Array.isArray(value)) {
    let text = "[";
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      text += (i === 0 ? "" : ",") + (item === undefined ? "null" : encodeFast(item, depth + 1));
    }
    return text + "]";
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw BAIL;
    return JSON.stringify(value.toISOString());
  }
  if (!isPlainObject(value)) throw BAIL;
  let text = "{";
  for (const key of Object.keys(value).sort()) {
    const member = value[key];
    if (member === undefined) continue;
    text += (text.length === 1 ? "" : ",") + JSON.stringify(key) + ":" + encodeFast(member, depth + 1);
  }
  return text + "}";
}

/** Sorted keys, no whitespace, Dates as ISO strings, undefined members dropped; throws a TypeError on non-finite numbers, bigints, functions, symbols, Maps/Sets/class instances and cycles. */
export function canonicalJson(value: unknown): string {
  try {
    return encodeFast(value, 0);
  } catch (error) {
    if (error !== BAIL) throw error;
    return encode(value, [], new Set());
  }
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
