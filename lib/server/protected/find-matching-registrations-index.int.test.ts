import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { arbRegistration, arbTarget, T0 } from "@/lib/domain/decide.arbitraries";
import { buildRegistrationIndex } from "@/lib/domain/registration-index";
import { selectorMatches } from "@/lib/domain/selectors";
import type { TRegistration } from "@/lib/domain/types";
import { findMatchingRegistrationsFor } from "./find-matching-registrations";

// The database lookup against the in-memory index the decision is held to, on generated
// lists and targets whose values collide often (IPv4 and IPv6, mapped addresses, ranges
// from /0 up, wildcards, mixed case). The SQL may over-match, since the decision re-checks
// every candidate, but must never miss: what it finds, filtered by the selector logic, is
// exactly what the index finds.

const now = new Date(T0 + 3 * 86_400_000);
let live: TRegistration[] = [];

beforeAll(async () => {
  const generated = fc.sample(fc.tuple(arbRegistration, fc.nat(3)), { numRuns: 400, seed: 20261127 });
  // An owner has one live registration per selector, so a live selector generated again
  // goes to the next owner: the list keeps its exact repeats.
  const repeats = new Map<string, number>();
  const planned = generated.map(([r, dice]) => {
    const deleted = dice === 0;
    const key = `${r.selector.kind}\u0000${r.selector.value}`;
    const owner = deleted ? 0 : (repeats.get(key) ?? 0);
    if (!deleted) repeats.set(key, owner + 1);
    return { r, deleted, owner };
  });
  const ownerIds: string[] = [];
  for (let n = 0; n <= Math.max(...planned.map((p) => p.owner)); n++) {
    ownerIds.push((await db().user.create({ data: { email: `owner-index-${n}@example.com`, name: "Owner Index", role: "OWNER" } })).id);
  }
  await db().protectedAsset.createMany({
    data: planned.map(({ r, deleted, owner }, i) => ({
      selectorKind: r.selector.kind, selectorValue: r.selector.value, ownerId: ownerIds[owner]!, businessService: `reg-${i}`, assetClass: r.assetClass,
      criticality: "HIGH" as const, justification: "generated", onCallContact: "oncall@example.com", requirements: {}, certifiedAt: now,
      expiresAt: r.expiresAt, deletedAt: deleted ? now : null,
    })),
  });
  const rows = await db().protectedAsset.findMany({ where: { deletedAt: null } });
  live = rows.map((r) => ({
    id: r.id, selector: { kind: r.selectorKind, value: r.selectorValue }, ownerName: "Owner Index", businessService: r.businessService,
    assetClass: r.assetClass, requirements: { neverAutomatic: false, allowedActions: null, approvalBy: null, maxTtlSeconds: null, preferredAction: null, maintenanceWindows: [] },
    expiresAt: r.expiresAt,
  }));
});

describe("findMatchingRegistrationsFor against buildRegistrationIndex", () => {
  it("never misses a registration the index finds, over 500 generated targets in one batch", async () => {
    const targets = fc.sample(arbTarget, { numRuns: 500, seed: 7 });
    const index = buildRegistrationIndex(live);
    const found = await findMatchingRegistrationsFor(db(), targets, now);
    const ids = (regs: readonly TRegistration[]) => regs.map((r) => r.id).sort();
    const answers = targets.map((target, i) => {
      const fromDb = found[i] ?? [];
      return {
        target,
        missed: ids(index.match(target, now).filter((r) => !fromDb.some((d) => d.id === r.id))),
        matched: ids(fromDb.filter((r) => selectorMatches(r.selector, target))),
        expected: ids(index.match(target, now)),
      };
    });
    expect(answers.filter((a) => a.missed.length > 0)).toEqual([]);
    expect(answers.map((a) => a.matched)).toEqual(answers.map((a) => a.expected));
    // The generated data must exercise the comparison, not pass it vacuously.
    expect(answers.filter((a) => a.expected.length > 0).length).toBeGreaterThan(250);
  });
});
