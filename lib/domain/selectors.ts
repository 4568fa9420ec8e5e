// Selectors name what a registration or a hold covers. Parsing canonicalises them so
// equal selectors are equal strings; matching asks "could acting on this entity touch
// something the selector covers?", which for IP space means the two ranges overlap.
import { z } from "zod";
import { ENTITY_KINDS, type TEntityKind, type TSelector } from "./types";
import { formatHostPattern, hostPatternsOverlap, parseHostPattern, type THostPattern } from "./host-pattern";
import { formatIpRange, parseCidr, parseIpAddress, rangesOverlap, type TIpRange } from "./ip-range";
import type { TParseResult } from "./result";

/** A selector parsed once, for repeated matching (the registration index keeps these). */
export type TCompiledSelector =
  | { kind: "ip"; range: TIpRange }
  | { kind: "cidr"; range: TIpRange }
  | { kind: "host"; host: THostPattern }
  | { kind: "account"; value: string }
  | { kind: "app"; value: string };

// user, DOMAIN\user or user@domain. The user part takes what e-mail local parts and
// Windows names share (a "$" ends machine and managed service accounts), in any script.
const ACCOUNT_USER = /^[\p{L}\p{N}._$'+!#%&*=?^`{|}~-]+$/u;
const ACCOUNT_DOMAIN = /^[\p{L}\p{N}]([\p{L}\p{N}.-]*[\p{L}\p{N}])?$/u;
// App tags are free text to their owners ("Payments API"): only control characters are out.
const APP_TAG = /^[^\u0000-\u001f\u007f]{1,200}$/;

function compileAccount(input: string): TParseResult<string> {
  const text = input.toLowerCase();
  if (/\s/.test(text)) return { ok: false, error: `Account "${input}" contains spaces: remove them` };
  if (text.length > 256) return { ok: false, error: `Account "${input}" is longer than 256 characters` };
  const parts = text.split(/[\\@]/);
  if (parts.length > 2 || parts.includes("")) {
    return { ok: false, error: `Account "${input}" is not a user name: write user, DOMAIN\\user or user@domain` };
  }
  const [user = "", domain] = text.includes("\\") ? [parts[1], parts[0]] : parts;
  if (!ACCOUNT_USER.test(user) || (domain !== undefined && !ACCOUNT_DOMAIN.test(domain))) {
    return { ok: false, error: `Account "${input}" contains a character that cannot be in a user name (such as " / : ; , < > ( ) [ ]): write user, DOMAIN\\user or user@domain` };
  }
  return { ok: true, value: text };
}

function compileApp(text: string): TParseResult<string> {
  if (!APP_TAG.test(text)) {
    return { ok: false, error: `App tag "${text}" is not valid: use up to 200 characters, without control characters` };
  }
  return { ok: true, value: text };
}

export function compileSelector(kind: string, value: string): TParseResult<TCompiledSelector> {
  const text = value.trim();
  if (text === "") return { ok: false, error: `Enter a value for the ${kind} selector` };
  const wrap = <T>(r: TParseResult<T>, build: (v: T) => TCompiledSelector): TParseResult<TCompiledSelector> =>
    r.ok ? { ok: true, value: build(r.value) } : r;
  switch (kind) {
    case "ip":
      return wrap(parseIpAddress(text), (range) => ({ kind, range }));
    case "cidr":
      return wrap(parseCidr(text), (range) => ({ kind, range }));
    case "host":
      return wrap(parseHostPattern(text), (host) => ({ kind, host }));
    case "account":
      return wrap(compileAccount(text), (v) => ({ kind, value: v }));
    case "app":
      return wrap(compileApp(text), (v) => ({ kind, value: v }));
    default:
      return { ok: false, error: `Unknown selector kind "${kind}": use one of ${ENTITY_KINDS.join(", ")}` };
  }
}

export function formatCompiled(compiled: TCompiledSelector): TSelector {
  switch (compiled.kind) {
    case "ip":
    case "cidr":
      return { kind: compiled.kind, value: formatIpRange(compiled.range, compiled.kind === "cidr") };
    case "host":
      return { kind: "host", value: formatHostPattern(compiled.host) };
    default:
      return { kind: compiled.kind, value: compiled.value };
  }
}

/** Validates and canonicalises: "10.1.2.3/8" → "10.0.0.0/8", "::ffff:10.0.0.1" → "10.0.0.1", hosts and accounts lower case. */
export function parseSelector(kind: string, value: string): TParseResult<TSelector> {
  const compiled = compileSelector(kind, value);
  return compiled.ok ? { ok: true, value: formatCompiled(compiled.value) } : compiled;
}

/** Input `{ kind, value }` → canonical TSelector; the error sits on `value` for forms. */
export const ZSelector = z.object({ kind: z.enum(ENTITY_KINDS), value: z.string() }).transform((input, ctx) => {
  const parsed = parseSelector(input.kind, input.value);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: "custom", message: parsed.error, path: ["value"] });
  return z.NEVER;
});

export function compiledMatches(a: TCompiledSelector, b: TCompiledSelector): boolean {
  if ((a.kind === "ip" || a.kind === "cidr") && (b.kind === "ip" || b.kind === "cidr")) {
    return rangesOverlap(a.range, b.range);
  }
  if (a.kind === "host" && b.kind === "host") return hostPatternsOverlap(a.host, b.host);
  if (a.kind === "account" && b.kind === "account") return a.value === b.value;
  if (a.kind === "app" && b.kind === "app") return a.value === b.value;
  return false;
}

/** Does the selector cover (part of) the entity? Invalid values never match; never throws. */
export function selectorMatches(selector: TSelector, entity: { kind: TEntityKind; value: string }): boolean {
  const a = compileSelector(selector.kind, selector.value);
  const b = compileSelector(entity.kind, entity.value);
  return a.ok && b.ok && compiledMatches(a.value, b.value);
}

/** Higher is narrower: one address beats a range, a longer prefix or suffix beats a shorter one. */
export function selectorSpecificity(selector: TSelector): number {
  const compiled = compileSelector(selector.kind, selector.value);
  if (!compiled.ok) return -1;
  const c = compiled.value;
  if (c.kind === "ip" || c.kind === "cidr") return c.range.prefix;
  if (c.kind === "host" && c.host.wildcard) return 200 + c.host.name.split(".").length;
  return 1000;
}
