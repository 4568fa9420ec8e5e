// Escalations carry a deadline (the policy's SLA). Inaction must be reviewable: an
// escalation nobody answered in time is marked, and so is one answered late.

export type TEscalationSlaInput = { status: "OPEN" | "APPROVED" | "REJECTED" | "SUPERSEDED"; slaDueAt: Date; resolvedAt: Date | null };

export type TSlaState = "open" | "overdue" | "answered" | "answered-late" | "superseded";

export function escalationSlaState(e: TEscalationSlaInput, now: Date): TSlaState {
  if (e.status === "OPEN") return now.getTime() > e.slaDueAt.getTime() ? "overdue" : "open";
  if (e.status === "SUPERSEDED") return "superseded";
  return e.resolvedAt && e.resolvedAt.getTime() > e.slaDueAt.getTime() ? "answered-late" : "answered";
}

export const SLA_LABELS: Record<TSlaState, string> = {
  open: "awaiting an answer",
  overdue: "past its SLA, unanswered",
  answered: "answered in time",
  "answered-late": "answered after its SLA",
  superseded: "superseded",
};
