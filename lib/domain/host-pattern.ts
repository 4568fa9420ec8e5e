// Host names and wildcard host patterns ("*.pay.corp.example"). A wildcard matches
// subdomains only, never the bare domain: an owner who wants both registers both.
import ipaddr from "ipaddr.js";
import type { TParseResult } from "./result";

/** `name` is lower case without a trailing dot; for a wildcard it is the part after "*.". */
export type THostPattern = { wildcard: boolean; name: string };

// DNS labels, plus "_" because NetBIOS and EDR host names carry it (ingest accepts it too).
const LABEL = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?$/;

function labelError(label: string): string | null {
  if (label.length === 0) return "Host names cannot have empty labels (two dots in a row, or a leading dot)";
  if (label === "*") return `Wildcards are only allowed as the whole first label, as in *.pay.corp.example`;
  if (label.length > 63) return `Host label "${label}" is longer than 63 characters`;
  if (!LABEL.test(label)) {
    return `Host label "${label}" may only contain letters, digits, hyphens and underscores, and must not start or end with a hyphen`;
  }
  return null;
}

export function parseHostPattern(input: string): TParseResult<THostPattern> {
  const text = input.toLowerCase().replace(/\.$/, "");
  // Cheap pre-test first: ipaddr.isValid is the slowest step for ordinary names.
  if ((/^[\d.]+$/.test(text) || text.includes(":")) && ipaddr.isValid(text)) {
    return { ok: false, error: `"${input}" is an IP address: use the kind "ip" (or "cidr" for ranges)` };
  }
  const wildcard = text.startsWith("*.");
  const name = wildcard ? text.slice(2) : text;
  if (name.length > 253) return { ok: false, error: `"${input}" is longer than 253 characters` };
  const labels = name.split(".");
  for (const label of labels) {
    const error = labelError(label);
    if (error) return { ok: false, error };
  }
  if (wildcard && labels.length < 2) {
    return { ok: false, error: `"${input}" is too broad: a wildcard needs at least two labels after "*.", as in *.corp.example` };
  }
  return { ok: true, value: { wildcard, name } };
}

export function formatHostPattern(pattern: THostPattern): string {
  return pattern.wildcard ? `*.${pattern.name}` : pattern.name;
}

/** Whether some concrete host name matches both patterns. */
export function hostPatternsOverlap(a: THostPattern, b: THostPattern): boolean {
  if (!a.wildcard && !b.wildcard) return a.name === b.name;
  if (a.wildcard && b.wildcard) {
    return a.name === b.name || a.name.endsWith(`.${b.name}`) || b.name.endsWith(`.${a.name}`);
  }
  const [pattern, host] = a.wildcard ? [a, b] : [b, a];
  return host.name.endsWith(`.${pattern.name}`);
}

/** Bases of the wildcards that could match a concrete host: every proper parent domain. */
export function parentDomains(host: string): string[] {
  const labels = host.split(".");
  return labels.slice(1).map((_, i) => labels.slice(i + 1).join("."));
}
