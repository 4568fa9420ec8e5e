import type { TRawSql } from "@/lib/db/raw-sql";
import { readRequirements } from "@/lib/domain/requirements-schema";
import { parentDomains } from "@/lib/domain/host-pattern";
import type { TEntity, TRegistration } from "@/lib/domain/types";

// Candidate registrations for many targets in one statement, found with indexes (GiST on
// inet for IPs and CIDRs, ("selectorKind", lower("selectorValue")) for names); the decision
// function re-checks every candidate with the same selector logic, so the SQL may
// over-match but must never miss.

type TTarget = Pick<TEntity, "kind" | "value">;

type TRow = {
  ord: number;
  id: string;
  selectorKind: TRegistration["selector"]["kind"];
  selectorValue: string;
  businessService: string;
  assetClass: string;
  requirements: unknown;
  expiresAt: Date | null;
  ownerName: string;
};

export async function findMatchingRegistrations(client: TRawSql, target: TTarget, now: Date): Promise<TRegistration[]> {
  const [found = []] = await findMatchingRegistrationsFor(client, [target], now);
  return found;
}

/** Per target, in the targets' order: the live registrations that may cover it. */
export async function findMatchingRegistrationsFor(client: TRawSql, targets: readonly TTarget[], now: Date): Promise<TRegistration[][]> {
  const found = targets.map((): TRegistration[] => []);
  if (targets.length === 0) return found;
  for (const r of await queryCandidates(client, probesOf(targets), now)) {
    found[r.ord]?.push({
      id: r.id,
      selector: { kind: r.selectorKind, value: r.selectorValue },
      ownerName: r.ownerName,
      businessService: r.businessService,
      assetClass: r.assetClass,
      requirements: readRequirements(r.requirements),
      expiresAt: r.expiresAt,
    });
  }
  return found;
}

/** The targets as parallel arrays per index, each row tagged with its target's position. */
type TProbes = {
  ip: { ords: number[]; values: string[] };
  host: { ords: number[]; keys: string[] };
  name: { ords: number[]; kinds: string[]; values: string[] };
};

function probesOf(targets: readonly TTarget[]): TProbes {
  const probes: TProbes = { ip: { ords: [], values: [] }, host: { ords: [], keys: [] }, name: { ords: [], kinds: [], values: [] } };
  targets.forEach((target, ord) => {
    switch (target.kind) {
      case "ip":
      case "cidr":
        probes.ip.ords.push(ord);
        probes.ip.values.push(target.value);
        return;
      case "host":
        for (const key of hostCandidates(target.value)) {
          probes.host.ords.push(ord);
          probes.host.keys.push(key);
        }
        return;
      case "account":
      case "app":
        probes.name.ords.push(ord);
        probes.name.kinds.push(target.kind);
        probes.name.values.push(target.value);
        return;
    }
  });
  return probes;
}

/** A host is registered by its own name or by a wildcard on one of its parent domains. */
function hostCandidates(host: string): Set<string> {
  const name = host.toLowerCase();
  // A set: a wildcard target's own name is also its parent's wildcard, and a repeated key
  // would return the same registration twice.
  return new Set([name, ...parentDomains(name).map((p) => `*.${p}`)]);
}

const COLUMNS = `p."id", p."selectorKind", p."selectorValue", p."businessService", p."assetClass", p."requirements", p."expiresAt", p."ownerId"`;

/** Positional parameters for a statement assembled from parts: `$n` for each value added. */
function parameters() {
  const values: unknown[] = [];
  return { values, add: (value: unknown) => `$${values.push(value)}` };
}

// One statement whatever the number of targets; only the branches some target needs are
// sent, so a single lookup plans no more than it uses. The statement is text with
// positional parameters, not Prisma.sql fragments: the loop sends it straight on pg
// (lib/db/raw-sql.ts), which takes no fragments.
async function queryCandidates(client: TRawSql, probes: TProbes, now: Date): Promise<TRow[]> {
  const p = parameters();
  const live = `p."deletedAt" IS NULL AND (p."expiresAt" IS NULL OR p."expiresAt" > (${p.add(now.toISOString())}::timestamptz AT TIME ZONE 'UTC'))`;
  const branches = [
    probes.ip.ords.length > 0 && addressBranch(probes.ip, live, p.add),
    probes.host.ords.length > 0 && hostBranch(probes.host, live, p.add),
    probes.name.ords.length > 0 && nameBranch(probes.name, live, p.add),
  ].filter((b): b is string => b !== false);
  return client.$queryRawUnsafe<TRow[]>(
    `SELECT f.*, u."name" AS "ownerName"
     FROM (${branches.join(" UNION ALL ")}) f JOIN "User" u ON u."id" = f."ownerId"
     ORDER BY f.ord, f."id"`,
    ...p.values,
  );
}

type TAdd = (value: unknown) => string;

// PostgreSQL keeps IPv4 and IPv6 apart (`'::/0' && '10.0.0.1'` is false) where the selector
// logic sees IPv4 as ::ffff:0:0/96 inside IPv6. So an IPv6 target over that space also
// probes as IPv4, and IPv4 targets are compared, in memory, with the few IPv6 registrations
// over it (one index search per statement, not one per target).
function addressBranch(ip: TProbes["ip"], live: string, add: TAdd): string {
  return `(
    WITH targets AS (
      SELECT t.ord, t.v FROM unnest(${add(ip.ords)}::int[], ${add(ip.values)}::inet[]) AS t(ord, v)
    ), probes AS (
      SELECT ord, v AS probe FROM targets
      UNION ALL
      SELECT ord, CASE WHEN v >> '::ffff:0.0.0.0/96' THEN '0.0.0.0/0'::inet
                       ELSE set_masklen('0.0.0.0'::inet + (v - '::ffff:0.0.0.0'::inet), masklen(v) - 96) END
      FROM targets WHERE family(v) = 6 AND v && '::ffff:0.0.0.0/96'
    ), v6_over_v4 AS MATERIALIZED (
      SELECT ${COLUMNS} FROM "ProtectedAsset" p
      WHERE p."selectorKind" IN ('ip', 'cidr') AND ${live} AND (p."selectorValue")::inet && '::ffff:0.0.0.0/96'
    )
    SELECT q.ord, ${COLUMNS} FROM probes q JOIN "ProtectedAsset" p
      ON p."selectorKind" IN ('ip', 'cidr') AND ${live} AND (p."selectorValue")::inet && q.probe
    UNION ALL
    SELECT t.ord, ${COLUMNS} FROM targets t JOIN v6_over_v4 p
      ON family(t.v) = 4 AND (p."selectorValue")::inet && set_masklen(('::ffff:' || host(t.v))::inet, masklen(t.v) + 96)
  )`;
}

// LATERAL … OFFSET 0 keeps one index search per name: joined plainly, a batch of a few
// hundred names is planned as a scan of every registration of the kind.
function hostBranch(host: TProbes["host"], live: string, add: TAdd): string {
  return `(
    SELECT h.ord, p.* FROM unnest(${add(host.ords)}::int[], ${add(host.keys)}::text[]) AS h(ord, key), LATERAL (
      SELECT ${COLUMNS} FROM "ProtectedAsset" p WHERE p."selectorKind" = 'host' AND ${live} AND lower(p."selectorValue") = h.key OFFSET 0
    ) p
  )`;
}

function nameBranch(name: TProbes["name"], live: string, add: TAdd): string {
  return `(
    SELECT n.ord, p.* FROM unnest(${add(name.ords)}::int[], ${add(name.kinds)}::"EntityKind"[], ${add(name.values)}::text[]) AS n(ord, kind, value), LATERAL (
      SELECT ${COLUMNS} FROM "ProtectedAsset" p WHERE p."selectorKind" = n.kind AND ${live} AND lower(p."selectorValue") = lower(n.value) OFFSET 0
    ) p
  )`;
}
