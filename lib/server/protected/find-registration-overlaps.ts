import "server-only";
import type { TDb } from "@/lib/db/client";
import { findOverlaps, type TOverlap } from "@/lib/domain/registration-overlaps";
import { findMatchingRegistrationsFor } from "./find-matching-registrations";
import { toDomainRegistration, type TRegistrationView } from "./registration-view";

/**
 * Overlaps for the registrations on a page, against every owner's live registrations (the
 * decision engine merges across owners, so the page must show it). Candidates come from
 * the same indexed lookup the decision uses; the domain decides what overlaps.
 */
export async function findRegistrationOverlaps(client: TDb, views: readonly TRegistrationView[], now: Date): Promise<Map<string, TOverlap>> {
  const candidates = await findMatchingRegistrationsFor(client, views.map((v) => v.selector), now);
  const byId = new Map(candidates.flat().map((r) => [r.id, r]));
  const subjects = views.map(toDomainRegistration);
  for (const s of subjects) byId.set(s.id, s);
  return findOverlaps(subjects, [...byId.values()], now);
}
