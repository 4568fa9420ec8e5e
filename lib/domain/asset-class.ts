// Asset classes are the columns of the policy grid. Registered assets carry the class
// their owner gave them; everything else gets one inferred from what the entity is.
import type { TEntityKind } from "./types";
import { compileSelector } from "./selectors";
import { parseCidr, rangeContains, type TIpRange } from "./ip-range";

export const DEFAULT_ASSET_CLASSES = [
  { key: "external-ip", label: "External IP", description: "Addresses outside the organisation's networks" },
  { key: "internal-ip", label: "Internal IP", description: "Private, loopback and link-local addresses" },
  { key: "workstation", label: "Workstation", description: "Laptops and desktops" },
  { key: "server", label: "Server", description: "Servers and the applications they run" },
  { key: "human-account", label: "Human account", description: "A person's user account" },
  { key: "service-account", label: "Service account", description: "Accounts used by software" },
  { key: "crown-jewel", label: "Crown jewel", description: "Assets whose loss or outage hurts the business most" },
] as const;

export type TDefaultAssetClass = (typeof DEFAULT_ASSET_CLASSES)[number]["key"];

export const DEFAULT_ASSET_CLASS_KEYS: TDefaultAssetClass[] = DEFAULT_ASSET_CLASSES.map((c) => c.key);

/** Label for any class key; custom classes (registered by owners) show as their key. */
export function assetClassLabel(key: string): string {
  return DEFAULT_ASSET_CLASSES.find((c) => c.key === key)?.label ?? key;
}

// RFC 1918, carrier-grade NAT, loopback, link-local, "this network"; IPv6 loopback,
// unique-local and link-local. Anything else is treated as outside.
const INTERNAL_RANGES: TIpRange[] = [
  "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8",
  "169.254.0.0/16", "0.0.0.0/8", "::1/128", "fc00::/7", "fe80::/10",
].flatMap((text) => {
  const parsed = parseCidr(text);
  return parsed.ok ? [parsed.value] : [];
});

// svc-, svc_ prefixes, a trailing "$" (Windows machine and managed service accounts), or
// "service" anywhere in the user part.
function looksLikeServiceAccount(account: string): boolean {
  const user = account.includes("\\") ? account.slice(account.indexOf("\\") + 1) : account.split("@")[0] ?? "";
  return /^svc[-_]/.test(user) || user.endsWith("$") || user.includes("service");
}

/** The class an unregistered entity gets. A range counts as internal only when it lies wholly inside an internal range. */
export function inferAssetClass(entity: { kind: TEntityKind; value: string }): TDefaultAssetClass {
  switch (entity.kind) {
    case "ip":
    case "cidr": {
      const compiled = compileSelector(entity.kind, entity.value);
      if (!compiled.ok || (compiled.value.kind !== "ip" && compiled.value.kind !== "cidr")) return "external-ip";
      const range = compiled.value.range;
      return INTERNAL_RANGES.some((internal) => rangeContains(internal, range)) ? "internal-ip" : "external-ip";
    }
    case "host":
      return "workstation";
    case "account":
      return looksLikeServiceAccount(entity.value.toLowerCase()) ? "service-account" : "human-account";
    case "app":
      return "server";
  }
}
