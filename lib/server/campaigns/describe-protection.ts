import "server-only";
import type { TDb } from "@/lib/db/client";
import { unregisteredSentence } from "@/lib/domain/decide-wording";
import { registrationLabel } from "@/lib/domain/requirements";
import { compiledMatches, compileSelector } from "@/lib/domain/selectors";
import type { TEntity } from "@/lib/domain/types";
import { findMatchingRegistrations } from "@/lib/server/protected/find-matching-registrations";
import { findApplicableDeadline } from "./find-applicable-deadline";

/**
 * One sentence on where a target stands with the protected list, worded as the decision
 * engine words it: who registered it, or "not registered by <deadline>: default policy applies".
 */
export async function describeProtection(client: TDb, target: Pick<TEntity, "kind" | "value">, now: Date): Promise<string> {
  const compiled = compileSelector(target.kind, target.value);
  const candidates = await findMatchingRegistrations(client, target, now);
  // The SQL may over-match (hostname LIKE); the selector logic decides, as in decide().
  const matched = candidates.filter((r) => {
    const selector = compileSelector(r.selector.kind, r.selector.value);
    return compiled.ok && selector.ok && compiledMatches(selector.value, compiled.value);
  });
  if (matched.length > 0) return `Registered on the protected list: ${matched.map(registrationLabel).join("; ")}`;
  return unregisteredSentence(target.value, await findApplicableDeadline(client, target, now), now);
}
