import type { TDb } from "@/lib/db/client";
import { buildRegistrationIndex, isRegistrationActive } from "@/lib/domain/registration-index";
import { compileSelector, compiledMatches, type TCompiledSelector } from "@/lib/domain/selectors";
import type { TRegistration } from "@/lib/domain/types";
import type { Prisma } from "@/lib/generated/prisma";
import { findMatchingRegistrations } from "@/lib/server/protected/find-matching-registrations";
import type { TLookup, TRegistrationSet } from "./registration-set";
import { summarize, type TLatencySummary } from "./stats";

// "Matching must stay fast with 100,000 registrations": the in-memory index (what the
// decision function is held to) and the database lookup the pipeline really runs for each
// alert (find-matching-registrations.ts, GiST on inet for addresses), on the same list.

export type TPureMatchingResult = {
  registrations: number;
  buildMs: number;
  lookups: number;
  totalMs: number;
  lookupsPerSecond: number;
  perLookupUs: TLatencySummary;
  matched: number;
  /** Lookups compared with a full scan, and how many answered differently (must be 0). */
  checked: number;
  mismatches: number;
};

export function runPureMatching(set: TRegistrationSet, options: { lookups: number; checked: number; now: Date }): TPureMatchingResult {
  const { registrations } = set;
  const t0 = performance.now();
  const index = buildRegistrationIndex(registrations);
  const buildMs = performance.now() - t0;

  const lookups = set.lookups(options.lookups, 7);
  const perLookup: number[] = new Array(lookups.length);
  let matched = 0;
  const start = performance.now();
  for (let i = 0; i < lookups.length; i++) {
    const l = lookups[i]!;
    const s = performance.now();
    const found = index.match(l, options.now);
    perLookup[i] = (performance.now() - s) * 1000;
    if (found.length > 0) matched++;
  }
  const totalMs = performance.now() - start;

  // The index must answer exactly what a scan of every registration answers.
  const compiled = registrations.map((r) => ({ r, c: compileSelector(r.selector.kind, r.selector.value) }));
  let mismatches = 0;
  const sample = lookups.slice(0, options.checked);
  for (const l of sample) {
    const entity = compileSelector(l.kind, l.value);
    if (!entity.ok) continue;
    const expected = compiled
      .filter(({ r, c }) => c.ok && isRegistrationActive(r, options.now) && compiledMatches(c.value as TCompiledSelector, entity.value))
      .map(({ r }) => r.id);
    const got = index.match(l, options.now).map((r) => r.id);
    if (expected.join() !== got.join()) mismatches++;
  }
  return {
    registrations: registrations.length,
    buildMs,
    lookups: lookups.length,
    totalMs,
    lookupsPerSecond: totalMs > 0 ? (lookups.length * 1000) / totalMs : 0,
    perLookupUs: summarize(perLookup),
    matched,
    checked: sample.length,
    mismatches,
  };
}

export type TDbMatchingResult = {
  registrations: number;
  insertMs: number;
  lookups: number;
  byFamily: Record<string, TLatencySummary>;
  /** Address lookups whose rows differ from the in-memory index's answer (must be 0). */
  addressMismatches: number;
  usesGistIndex: boolean;
  addressPlan: string;
};

const INSERT_CHUNK = 2000;

export async function insertRegistrations(client: TDb, registrations: TRegistration[], ownerId: string): Promise<number> {
  const start = performance.now();
  const now = new Date();
  for (let i = 0; i < registrations.length; i += INSERT_CHUNK) {
    await client.protectedAsset.createMany({
      data: registrations.slice(i, i + INSERT_CHUNK).map((r) => ({
        selectorKind: r.selector.kind,
        selectorValue: r.selector.value,
        ownerId,
        businessService: r.businessService,
        businessUnit: "Bench",
        assetClass: r.assetClass,
        criticality: "MEDIUM" as const,
        justification: `benchmark registration ${r.id}`,
        onCallContact: "bench@example.com",
        requirements: r.requirements as unknown as Prisma.InputJsonValue,
        certifiedAt: now,
        expiresAt: r.expiresAt,
      })),
    });
  }
  await client.$executeRawUnsafe(`ANALYZE "ProtectedAsset"`);
  return performance.now() - start;
}

async function addressPlan(client: TDb, ip: string, now: Date): Promise<string> {
  // The WHERE clause of find-matching-registrations.ts for ip/cidr targets.
  const rows = await client.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
    `EXPLAIN SELECT p."id" FROM "ProtectedAsset" p JOIN "User" u ON u."id" = p."ownerId"
     WHERE p."selectorKind" IN ('ip', 'cidr') AND p."deletedAt" IS NULL
       AND (p."selectorValue")::inet && $1::inet AND (p."expiresAt" IS NULL OR p."expiresAt" > $2)`,
    ip,
    now,
  );
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

export async function runDbMatching(
  client: TDb,
  set: TRegistrationSet,
  options: { lookups: number; insertMs: number; now: Date },
): Promise<TDbMatchingResult> {
  const index = buildRegistrationIndex(set.registrations);
  const lookups: TLookup[] = set.lookups(options.lookups, 11);
  // Warm the connection pool and the plan cache before timing.
  for (const l of lookups.slice(0, 20)) await findMatchingRegistrations(client, l, options.now);
  const samples = new Map<string, number[]>();
  let addressMismatches = 0;
  for (const l of lookups) {
    const s = performance.now();
    const rows = await findMatchingRegistrations(client, l, options.now);
    const ms = performance.now() - s;
    (samples.get(l.family) ?? samples.set(l.family, []).get(l.family)!).push(ms);
    if (l.kind === "ip") {
      const fromDb = rows.map((r) => `${r.selector.kind}:${r.selector.value}`).sort().join();
      const fromIndex = index.match(l, options.now).map((r) => `${r.selector.kind}:${r.selector.value}`).sort().join();
      if (fromDb !== fromIndex) addressMismatches++;
    }
  }
  const plan = await addressPlan(client, lookups.find((l) => l.kind === "ip")?.value ?? "1.2.3.4", options.now);
  return {
    registrations: set.registrations.length,
    insertMs: options.insertMs,
    lookups: lookups.length,
    byFamily: Object.fromEntries([...samples].map(([family, values]) => [family, summarize(values)])),
    addressMismatches,
    usesGistIndex: plan.includes("ProtectedAsset_selector_inet"),
    addressPlan: plan,
  };
}
