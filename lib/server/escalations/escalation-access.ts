import type { TRole } from "@/lib/auth/permissions";
import { isNamedApprover } from "@/lib/domain/escalation-review";
import { ExpectedError } from "@/lib/server/errors";

// Who may answer which escalation. An owner's "only with approval of <person>" binds
// everyone: such an escalation is approved by that person (signed in, or through the signed
// link addressed to them), never by the SOC on their behalf. Anyone entitled may reject:
// not containing stays within every owner's requirements.

/** Who is answering: a signed-in person, or the addressee of a signed approval link. */
export type TResponder = { kind: "user"; role: TRole; email: string; name: string } | { kind: "link"; addressee: string };

type TEscalationParties = { approvers: string[] };

function addressedTo(e: TEscalationParties, who: TResponder): boolean {
  if (who.kind === "link") return e.approvers.includes(who.addressee);
  return isNamedApprover(e.approvers, who);
}

/** Owners see escalations addressed to them only; for anyone else, not yours reads as not there. */
export function assertMayAnswer(e: TEscalationParties, who: TResponder): void {
  if (who.kind === "user" && who.role !== "OWNER") return;
  if (!addressedTo(e, who)) throw new ExpectedError("NOT_FOUND", "No escalation with that id is addressed to you.");
}

export function assertMayApprove(e: TEscalationParties, who: TResponder): void {
  assertMayAnswer(e, who);
  // Overlapping registrations can each name an approver, and all of them must approve.
  // Reflex records one answer per escalation, so it refuses rather than contain on a part.
  if (e.approvers.length > 1) {
    throw new ExpectedError(
      "FORBIDDEN",
      `This needs the approval of ${e.approvers.join(" and ")} together, and Reflex records one answer per escalation: contain it by hand with all of them, or reject it.`,
    );
  }
  if (e.approvers.length > 0 && !addressedTo(e, who)) {
    throw new ExpectedError(
      "FORBIDDEN",
      `Only ${e.approvers.join(" and ")} may approve this: the owner's registration requires that approval. Send an approval link, or reject it.`,
    );
  }
}

/** The Prisma condition for "addressed to this person" (approvers are free text: e-mail or name). */
export function addressedToWhere(person: { email: string; name: string }) {
  const keys = [...new Set([person.email, person.email.toLowerCase(), person.name])];
  return { approvers: { hasSome: keys } };
}
