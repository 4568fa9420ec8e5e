import "server-only";
import { createHash } from "node:crypto";
import type { TDb, TTx } from "@/lib/db/client";
import { activePerimeterWhere, perimeterTarget } from "./perimeter";

// The External Dynamic List: one address or range a line, the shape Palo Alto EDLs,
// FortiGate threat feeds and pfSense/OPNsense URL table aliases all read. The ETag is a
// hash of the body, so an unchanged list is a 304 for the firewall and for any cache.

export type TBlocklist = { body: string; etag: string; count: number };

export async function readBlocklist(client: TDb | TTx, options: { now?: Date } = {}): Promise<TBlocklist> {
  const rows = await client.containment.findMany({
    where: activePerimeterWhere(options.now ?? new Date()),
    select: { targetKind: true, targetValue: true },
  });
  const byValue = new Map<string, string>();
  for (const row of rows) {
    const target = perimeterTarget(row);
    if (target) byValue.set(target.value, target.sortKey);
  }
  const lines = [...byValue].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)).map(([value]) => value);
  const body = lines.map((line) => `${line}\n`).join("");
  return { body, etag: `"${createHash("sha256").update(body).digest("base64url")}"`, count: lines.length };
}

/**
 * If-None-Match against our (strong) ETag. RFC 9110 compares If-None-Match weakly, so
 * W/"x" matches "x"; "*" matches any current list.
 */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}
