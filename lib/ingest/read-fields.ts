// Lenient readers for vendor payloads, whose optional fields come as strings, numbers,
// one-element arrays, nested objects or dotted keys depending on the sender's version.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Own property only: a payload key named "constructor" or "__proto__" is data, not a prototype. */
export function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The value at a dotted path, whether the sender nested it (`{kibana:{alert:{...}}}`),
 * flattened it (`{"kibana.alert.uuid": ...}`) or mixed both, as Elastic documents do.
 */
export function readPath(value: unknown, path: string): unknown {
  if (path === "") return value;
  if (!isRecord(value)) return undefined;
  const parts = path.split(".");
  // Longest key first, so "source.ip" as one key wins over a "source" object without "ip".
  for (let take = parts.length; take >= 1; take--) {
    const key = parts.slice(0, take).join(".");
    if (!Object.hasOwn(value, key)) continue;
    const found = readPath(value[key], parts.slice(take).join("."));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A non-empty trimmed string from a string, a number, or the first element of an array. */
export function textOf(value: unknown): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  if (typeof single === "number" && Number.isFinite(single)) return String(single);
  if (typeof single !== "string") return undefined;
  const text = single.trim();
  return text === "" ? undefined : text;
}

/** The first of several paths that holds text. */
export function firstText(value: unknown, ...paths: string[]): string | undefined {
  for (const path of paths) {
    const text = textOf(readPath(value, path));
    if (text !== undefined) return text;
  }
  return undefined;
}
