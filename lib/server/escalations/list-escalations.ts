import "server-only";
import type { TDb } from "@/lib/db/client";
import { escalationSlaState, type TSlaState } from "@/lib/domain/escalation-sla";
import type { TStoredRecommendation } from "@/lib/domain/escalation-review";
import type { EscalationStatus } from "@/lib/generated/prisma";
import { addressedToWhere } from "./escalation-access";

export type TEscalationItem = {
  id: string;
  status: EscalationStatus;
  sla: TSlaState;
  slaDueAt: Date;
  createdAt: Date;
  alertTitle: string;
  playbookKey: string;
  policyVersion: number | null;
  recommendation: TStoredRecommendation;
  /** The decision's reasons in order: the first one is why it was not executed. */
  reasons: string[];
  approvers: string[];
  assigneeName: string | null;
  resolvedAt: Date | null;
  resolvedByName: string | null;
  resolution: string | null;
  containmentId: string | null;
};

/** Whose queue: everyone's (SOC, CISO), or only what is addressed to one owner. */
export type TQueueScope = { kind: "all" } | { kind: "addressed"; email: string; name: string };

function scopeWhere(scope: TQueueScope) {
  return scope.kind === "all" ? {} : addressedToWhere(scope);
}

const INCLUDE = {
  decision: { select: { reasons: true, playbookKey: true, policyVersion: true, alert: { select: { title: true } }, containment: { select: { id: true } } } },
} as const;

/** Open escalations, most urgent first, and the latest resolved ones (the reviewed record). */
export async function listEscalations(client: TDb, options: { scope: TQueueScope; now: Date; resolvedLimit?: number }) {
  const where = scopeWhere(options.scope);
  const [open, resolved] = await Promise.all([
    client.escalation.findMany({ where: { ...where, status: "OPEN" }, orderBy: { slaDueAt: "asc" }, take: 500, include: INCLUDE }),
    client.escalation.findMany({ where: { ...where, status: { not: "OPEN" } }, orderBy: { resolvedAt: "desc" }, take: options.resolvedLimit ?? 50, include: INCLUDE }),
  ]);
  const item = (e: (typeof open)[number]): TEscalationItem => ({
    id: e.id,
    status: e.status,
    sla: escalationSlaState(e, options.now),
    slaDueAt: e.slaDueAt,
    createdAt: e.createdAt,
    alertTitle: e.decision.alert.title,
    playbookKey: e.decision.playbookKey,
    policyVersion: e.decision.policyVersion,
    recommendation: e.recommendation as TStoredRecommendation,
    reasons: e.decision.reasons as string[],
    approvers: e.approvers,
    assigneeName: e.assigneeName,
    resolvedAt: e.resolvedAt,
    resolvedByName: e.resolvedByName,
    resolution: e.resolution,
    containmentId: e.decision.containment?.id ?? null,
  });
  return { open: open.map(item), resolved: resolved.map(item) };
}

/** Open and overdue counts for the navigation badge and the overview. */
export async function countOpenEscalations(client: TDb, options: { scope: TQueueScope; now: Date }): Promise<{ open: number; overdue: number }> {
  const where = { ...scopeWhere(options.scope), status: "OPEN" as const };
  const [open, overdue] = await Promise.all([
    client.escalation.count({ where }),
    client.escalation.count({ where: { ...where, slaDueAt: { lt: options.now } } }),
  ]);
  return { open, overdue };
}
