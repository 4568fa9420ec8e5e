// Canonical forms for the things Reflex acts on. Every parser builds its entities here,
// so "10.0.0.1", "::ffff:10.0.0.1" and " 10.0.0.1 " all become one selector, and a
// blocklist never carries two spellings of the same address.
import ipaddr from "ipaddr.js";
import type { TEntity, TEntityKind, TEntityRole } from "@/lib/domain/types";

const MAX_HOST_LENGTH = 253;
const MAX_ACCOUNT_LENGTH = 256;
const MAX_APP_LENGTH = 200;
// DNS labels plus "_" (NetBIOS and EDR names carry it), as lib/domain/host-pattern.ts
// accepts them, so every host ingest produces can be matched by a registration.
const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

const FOUR_PART_DECIMAL = /^(0|[1-9]\d*)(\.(0|[1-9]\d*)){3}$/;

function parseIp(value: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  let text = value.trim();
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  if (text.includes(":")) {
    // A zone id (fe80::1%eth0) names an interface on one machine: nothing to block elsewhere.
    if (text.includes("%") || !ipaddr.IPv6.isValid(text)) return null;
    const v6 = ipaddr.IPv6.parse(text);
    return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
  }
  // Only dotted decimal: "010.1.1.1" or "127.1" mean different hosts to different tools
  // (inet_aton reads octal), and a firewall must never block a guess. The shape first, as
  // ipaddr.js's isValidFourPartDecimal checks it, but after its isValid, which parses and
  // catches what it throws: every host name a host-or-IP field carries came through here.
  return FOUR_PART_DECIMAL.test(text) && ipaddr.IPv4.isValid(text) ? ipaddr.IPv4.parse(text) : null;
}

function formatIp(address: ipaddr.IPv4 | ipaddr.IPv6): string {
  return address.kind() === "ipv6" ? (address as ipaddr.IPv6).toRFC5952String() : address.toString();
}

// Already canonical: four decimal octets, none above 255, none with a leading zero. Most
// addresses alerts carry look like this, and ipaddr.js validates by parsing and catching
// what it throws, which was a tenth of an alert's ingest CPU under a flood.
const CANONICAL_IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** IPv4 dotted decimal, IPv6 compressed lower case, IPv4-mapped IPv6 as IPv4; null if not an IP. */
export function canonicalIp(value: string): string | null {
  const text = value.trim();
  if (CANONICAL_IPV4.test(text)) return text;
  const address = parseIp(text);
  return address ? formatIp(address) : null;
}

/** Network address and prefix ("10.0.0.5/24" → "10.0.0.0/24"); null if not a CIDR range. */
export function canonicalCidr(value: string): string | null {
  const [addressText, prefixText, ...rest] = value.trim().split("/");
  if (addressText === undefined || prefixText === undefined || rest.length > 0) return null;
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const address = parseIp(addressText);
  if (!address) return null;
  let prefix = Number(prefixText);
  // A mapped IPv4 range (::ffff:10.0.0.0/104) becomes the IPv4 range it means.
  if (address.kind() === "ipv4" && addressText.includes(":")) prefix -= 96;
  const bits = address.kind() === "ipv4" ? 32 : 128;
  if (prefix < 0 || prefix > bits) return null;
  const network =
    address.kind() === "ipv4"
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefix}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${prefix}`);
  return `${formatIp(network)}/${prefix}`;
}

// Any spelling some tool reads as an IP ("10.1.2.3", "127.1", "0x7f.1", "2130706433") is
// not a host name. Only such spellings can also pass the label rule (an IPv6 address has
// a ":"), and they use only these characters, so ipaddr.js, which throws to say no, is
// asked only about them.
function looksLikeIp(host: string): boolean {
  return /^[0-9a-fx.]+$/.test(host) && ipaddr.isValid(host);
}

/** Lower case, no trailing dot; null if it cannot be a host name (an IP is not one). */
export function canonicalHost(value: string): string | null {
  const host = value.trim().toLowerCase().replace(/\.$/, "");
  if (host.length === 0 || host.length > MAX_HOST_LENGTH || looksLikeIp(host)) return null;
  return host.split(".").every((label) => HOST_LABEL.test(label)) ? host : null;
}

/** Trimmed; case kept, because Unix and many IdPs treat "Root" and "root" as different. */
export function canonicalAccount(value: string): string | null {
  const account = value.trim();
  if (account.length === 0 || account.length > MAX_ACCOUNT_LENGTH) return null;
  return account;
}

/** A machine named either way, as syslog and agents do: canonical IP, else host name. */
export function canonicalMachine(value: string): string | null {
  return canonicalIp(value) ?? canonicalHost(value);
}

export function canonicalApp(value: string): string | null {
  const app = value.trim();
  return app.length === 0 || app.length > MAX_APP_LENGTH ? null : app;
}

/** A globally routable unicast address: the only kind worth pushing to an edge blocklist. */
export function isPublicIp(ip: string): boolean {
  const address = parseIp(ip);
  return address !== null && address.range() === "unicast";
}

const CANONICALISERS: Record<TEntityKind, (value: string) => string | null> = {
  ip: canonicalIp,
  cidr: canonicalCidr,
  host: canonicalHost,
  account: canonicalAccount,
  app: canonicalApp,
};

/** The canonical value for an entity of this kind, or null if the value cannot be one. */
export function canonicalEntityValue(kind: TEntityKind, value: string): string | null {
  return CANONICALISERS[kind](value);
}

/** An entity in canonical form, or null when `value` is absent or not valid for `kind`. */
export function makeEntity(kind: TEntityKind, value: unknown, role: TEntityRole): TEntity | null {
  if (typeof value !== "string") return null;
  const canonical = CANONICALISERS[kind](value);
  return canonical === null ? null : { kind, value: canonical, role };
}

/** Vendor fields such as "host" or "dest" hold an IP as often as a name. */
export function hostOrIpEntity(value: unknown, role: TEntityRole): TEntity | null {
  return makeEntity("ip", value, role) ?? makeEntity("host", value, role);
}

/** Drops repeats of the same kind and value, keeping the first (and its role). */
export function dedupeEntities(entities: TEntity[]): TEntity[] {
  const seen = new Set<string>();
  return entities.filter((entity) => {
    const key = `${entity.kind}\u0000${entity.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * `candidates` in order of preference: the first one present becomes the target (the
 * thing to contain). The other candidates and the `context` entities (never a target,
 * e.g. the victim's own IP) stay as context. Repeats of a kind and value are dropped.
 */
export function assembleEntities(
  candidates: (TEntity | null)[],
  context: (TEntity | null)[] = [],
): { entities: TEntity[]; target: TEntity | null } {
  const present = (list: (TEntity | null)[]) => list.filter((e): e is TEntity => e !== null);
  const [first, ...rest] = present(candidates);
  if (!first) return { entities: dedupeEntities(present(context)), target: null };
  const target: TEntity = { ...first, role: "target" };
  return { entities: dedupeEntities([target, ...rest, ...present(context)]), target };
}
