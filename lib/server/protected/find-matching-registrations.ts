import type { TDb, TTx } from "@/lib/db/client";
import { readRequirements } from "@/lib/domain/requirements-schema";
import { parentDomains } from "@/lib/domain/host-pattern";
import type { TEntity, TRegistration } from "@/lib/domain/types";

// Candidate registrations for one target, found with indexes (GiST on inet for IPs and
// CIDRs, ("selectorKind", lower("selectorValue")) for names); the decision function
// re-checks every candidate with the same selector logic, so the SQL may over-match but
// must never miss.

type TRow = {
  id: string;
  selectorKind: TRegistration["selector"]["kind"];
  selectorValue: string;
  businessService: string;
  assetClass: string;
  requirements: unknown;
  expiresAt: Date | null;
  ownerName: string;
};

export async function findMatchingRegistrations(client: TDb | TTx, target: Pick<TEntity, "kind" | "value">, now: Date): Promise<TRegistration[]> {
  const rows = await queryCandidates(client, target, now);
  return rows.map((r) => ({
    id: r.id,
    selector: { kind: r.selectorKind, value: r.selectorValue },
    ownerName: r.ownerName,
    businessService: r.businessService,
    assetClass: r.assetClass,
    requirements: readRequirements(r.requirements),
    expiresAt: r.expiresAt,
  }));
}

function queryCandidates(client: TDb | TTx, target: Pick<TEntity, "kind" | "value">, now: Date): Promise<TRow[]> {
  const value = target.value;
  switch (target.kind) {
    case "ip":
    case "cidr":
      return client.$queryRaw<TRow[]>`
        SELECT p."id", p."selectorKind", p."selectorValue", p."businessService", p."assetClass", p."requirements", p."expiresAt", u."name" AS "ownerName"
        FROM "ProtectedAsset" p JOIN "User" u ON u."id" = p."ownerId"
        WHERE p."selectorKind" IN ('ip', 'cidr') AND p."deletedAt" IS NULL
          AND (p."selectorValue")::inet && ${value}::inet
          AND (p."expiresAt" IS NULL OR p."expiresAt" > ${now})`;
    case "host":
      return client.$queryRaw<TRow[]>`
        SELECT p."id", p."selectorKind", p."selectorValue", p."businessService", p."assetClass", p."requirements", p."expiresAt", u."name" AS "ownerName"
        FROM "ProtectedAsset" p JOIN "User" u ON u."id" = p."ownerId"
        WHERE p."selectorKind" = 'host' AND p."deletedAt" IS NULL
          AND lower(p."selectorValue") = ANY(${hostCandidates(value)}::text[])
          AND (p."expiresAt" IS NULL OR p."expiresAt" > ${now})`;
    case "account":
    case "app":
      return client.$queryRaw<TRow[]>`
        SELECT p."id", p."selectorKind", p."selectorValue", p."businessService", p."assetClass", p."requirements", p."expiresAt", u."name" AS "ownerName"
        FROM "ProtectedAsset" p JOIN "User" u ON u."id" = p."ownerId"
        WHERE p."selectorKind" = ${target.kind}::"EntityKind" AND p."deletedAt" IS NULL
          AND lower(p."selectorValue") = lower(${value})
          AND (p."expiresAt" IS NULL OR p."expiresAt" > ${now})`;
  }
}

/** A host is registered by its own name or by a wildcard on one of its parent domains. */
function hostCandidates(host: string): string[] {
  const name = host.toLowerCase();
  return [name, ...parentDomains(name).map((p) => `*.${p}`)];
}
