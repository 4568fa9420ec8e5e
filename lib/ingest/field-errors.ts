// Errors a sender can act on: where (a JSON path such as `alerts[3].target.value`) and
// what to fix, worded for the person wiring up the integration, not for a zod reader.
import type { z } from "zod";

export type TFieldError = { path: string; message: string };

/** More than this many errors helps nobody: the sender fixes the first ones and retries. */
export const MAX_REPORTED_ERRORS = 100;

function joinPath(prefix: string, key: PropertyKey): string {
  if (typeof key === "number") return `${prefix}[${key}]`;
  const name = String(key);
  const safe = /^[A-Za-z_$@][\w$@-]*$/.test(name) ? name : JSON.stringify(name);
  return prefix === "" ? safe : `${prefix}.${safe}`;
}

function pathOf(prefix: string, keys: readonly PropertyKey[]): string {
  return keys.reduce<string>((path, key) => joinPath(path, key), prefix);
}

export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return value.length > 60 ? `"${value.slice(0, 57)}..."` : `"${value}"`;
  return String(value);
}

const EXPECTED_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  object: "an object",
  array: "an array",
};

function expectedWords(expected: string[]): string {
  const words = [...new Set(expected.map((e) => EXPECTED_NAMES[e] ?? e))];
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} or ${words.at(-1)}` : (words[0] ?? "something else");
}

function issueMessage(issue: z.core.$ZodIssue): string {
  const input: unknown = "input" in issue ? issue.input : undefined;
  if (issue.code === "invalid_type") {
    const expected = expectedWords([issue.expected]);
    return input === undefined ? `is required (${expected})` : `must be ${expected}, not ${describeValue(input)}`;
  }
  if (issue.code === "invalid_union") {
    // Name what each branch wanted ("a string or a number") rather than zod's "Invalid input".
    const expected = issue.errors.flat().flatMap((e) => (e.code === "invalid_type" ? [e.expected] : []));
    if (expected.length === 0) return issue.message;
    const words = expectedWords(expected);
    return input === undefined ? `is required (${words})` : `must be ${words}, not ${describeValue(input)}`;
  }
  if (issue.code === "unrecognized_keys") {
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  }
  if (issue.code === "invalid_value") {
    return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return issue.message;
}

/** zod issues as field errors under `prefix`. Parse with `{ reportInput: true }`. */
export function fieldErrorsFromZod(error: z.ZodError, prefix = ""): TFieldError[] {
  return error.issues.map((issue) => ({
    path: pathOf(prefix, issue.path),
    message: issueMessage(issue),
  }));
}

/** `path` (relative to an item) as seen from the whole payload, the item being at `prefix`. */
export function prefixPath(prefix: string, path: string): string {
  if (prefix === "" || path === "") return prefix === "" ? path : prefix;
  return path.startsWith("[") ? `${prefix}${path}` : `${prefix}.${path}`;
}

export function prefixErrors(errors: TFieldError[], prefix: string): TFieldError[] {
  return errors.map((e) => ({ path: prefixPath(prefix, e.path), message: e.message }));
}

/** The first MAX_REPORTED_ERRORS errors, plus one line saying how many were left out. */
export function capErrors(errors: TFieldError[]): TFieldError[] {
  if (errors.length <= MAX_REPORTED_ERRORS) return errors;
  const left = errors.length - MAX_REPORTED_ERRORS;
  return [
    ...errors.slice(0, MAX_REPORTED_ERRORS),
    { path: "", message: `${left} more error${left > 1 ? "s" : ""} not shown; fix these and retry` },
  ];
}
