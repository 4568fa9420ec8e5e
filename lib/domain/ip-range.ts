// IP addresses and CIDR ranges in one address space. IPv4 is placed at ::ffff:0:0/96
// (IPv4-mapped IPv6), so "10.0.0.1" and "::ffff:10.0.0.1" are the same address and a v4
// range compares with a v6 one by plain prefix arithmetic. Parsing and formatting go
// through ipaddr.js; masking and prefix comparison are byte-wise here, with its masks.
import ipaddr from "ipaddr.js";
import type { TParseResult } from "./result";

/** 16 network bytes (host bits zeroed) and a prefix length in the IPv6 space (0..128). */
export type TIpRange = { bytes: readonly number[]; prefix: number };

const MAPPED_PREFIX = 96;
/** The first 12 bytes of ::ffff:a.b.c.d. */
const V4_MAPPED_HEAD = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];
const EXAMPLES = "an IPv4 address like 203.0.113.7 or an IPv6 address like 2001:db8::7";

// Masks are asked for once per prefix length per lookup: compute each one once.
const MASKS: number[][] = Array.from({ length: 129 }, (_, p) =>
  ipaddr.IPv6.subnetMaskFromPrefixLength(p).toByteArray(),
);

export function maskBytes(bytes: readonly number[], prefix: number): number[] {
  const mask = MASKS[prefix] ?? [];
  return bytes.map((b, i) => b & (mask[i] ?? 0));
}

/** Fixed-width hex, so string order is numeric order (used as map keys and for sorting). */
export function bytesToHex(bytes: readonly number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** First and last address of the range as fixed-width hex. */
export function rangeBoundsHex(range: TIpRange): { start: string; end: string } {
  const mask = MASKS[range.prefix] ?? [];
  const last = range.bytes.map((b, i) => b | (~(mask[i] ?? 0) & 0xff));
  return { start: bytesToHex(range.bytes), end: bytesToHex(last) };
}

function toIPv6(bytes: readonly number[]): ipaddr.IPv6 {
  const parts = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0));
  return new ipaddr.IPv6(parts);
}

/**
 * Two prefixes share an address exactly when the shorter one contains the longer one: their
 * bytes agree under the shorter one's mask. Byte-wise rather than through ipaddr.js objects,
 * since every alert's target is classified against the internal ranges (asset-class.ts):
 * two IPv6 objects per comparison were a few per cent of a batch's CPU (docs/BENCHMARKS.md).
 */
export function rangesOverlap(a: TIpRange, b: TIpRange): boolean {
  const mask = MASKS[Math.min(a.prefix, b.prefix)] ?? [];
  for (let i = 0; i < 16; i++) {
    if (((a.bytes[i] ?? 0) ^ (b.bytes[i] ?? 0)) & (mask[i] ?? 0)) return false;
  }
  return true;
}

/** True when `outer` contains all of `inner`. */
export function rangeContains(outer: TIpRange, inner: TIpRange): boolean {
  return outer.prefix <= inner.prefix && rangesOverlap(outer, inner);
}

function parseAddress(text: string): TParseResult<{ bytes: number[]; v4: boolean }> {
  if (!text.includes(":")) {
    // Four decimal parts only: "10.1" or "012.0.0.1" are legal to ipaddr.js but mean
    // something else to most people, so refuse them rather than guess.
    if (!ipaddr.IPv4.isValidFourPartDecimal(text)) {
      return { ok: false, error: `"${text}" is not an IP address: write ${EXAMPLES}` };
    }
    return { ok: true, value: { bytes: [...V4_MAPPED_HEAD, ...ipaddr.IPv4.parse(text).octets], v4: true } };
  }
  if (text.includes("%")) {
    return { ok: false, error: `"${text}" has a zone id (%…): write the address without it` };
  }
  const tail = text.slice(text.lastIndexOf(":") + 1);
  if ((tail.includes(".") && !ipaddr.IPv4.isValidFourPartDecimal(tail)) || !ipaddr.IPv6.isValid(text)) {
    return { ok: false, error: `"${text}" is not an IP address: write ${EXAMPLES}` };
  }
  return { ok: true, value: { bytes: ipaddr.IPv6.parse(text).toByteArray(), v4: false } };
}

/** A single address: prefix 128. */
export function parseIpAddress(text: string): TParseResult<TIpRange> {
  if (text.includes("/")) {
    return { ok: false, error: `"${text}" is a range: use the kind "cidr" for ranges` };
  }
  const parsed = parseAddress(text);
  return parsed.ok ? { ok: true, value: { bytes: parsed.value.bytes, prefix: 128 } } : parsed;
}

/** A range; host bits are cleared, so "10.1.2.3/8" becomes 10.0.0.0/8. */
export function parseCidr(text: string): TParseResult<TIpRange> {
  const [addressText = "", prefixText, ...rest] = text.split("/");
  if (prefixText === undefined) {
    const single = text.includes(":") ? 128 : 32;
    return { ok: false, error: `"${text}" has no prefix length: write ${text}/${single} for one address, or use the kind "ip"` };
  }
  const parsed = parseAddress(addressText);
  if (!parsed.ok) return parsed;
  const max = parsed.value.v4 ? 32 : 128;
  if (rest.length > 0 || !/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) {
    return { ok: false, error: `"/${[prefixText, ...rest].join("/")}" is not a valid prefix length for ${parsed.value.v4 ? "IPv4" : "IPv6"}: use 0–${max}` };
  }
  const prefix = Number(prefixText) + (parsed.value.v4 ? MAPPED_PREFIX : 0);
  return { ok: true, value: { bytes: maskBytes(parsed.value.bytes, prefix), prefix } };
}

/** The IPv4 space as this module places it: ::ffff:0:0/96. */
export const V4_MAPPED_SPACE: TIpRange = { bytes: [...V4_MAPPED_HEAD, 0, 0, 0, 0], prefix: MAPPED_PREFIX };

/** True for an IPv4 address or range (one inside ::ffff:0:0/96). */
export function isMappedV4(range: TIpRange): boolean {
  return range.prefix >= MAPPED_PREFIX && V4_MAPPED_HEAD.every((b, i) => range.bytes[i] === b);
}

/** Canonical text: dotted IPv4 for anything in the mapped space, RFC 5952 IPv6 otherwise. */
export function formatIpRange(range: TIpRange, asCidr: boolean): string {
  const v4 = isMappedV4(range);
  const address = v4 ? range.bytes.slice(12).join(".") : toIPv6(range.bytes).toRFC5952String();
  if (!asCidr) return address;
  return `${address}/${v4 ? range.prefix - MAPPED_PREFIX : range.prefix}`;
}
