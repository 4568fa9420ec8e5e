import type { TTx } from "@/lib/db/client";
import type { TActivePolicy, TEntity, THold, TKillSwitch, TRegistration } from "@/lib/domain/types";
import { findApplicableDeadline } from "@/lib/server/campaigns/find-applicable-deadline";
import { findActiveHolds } from "@/lib/server/holds/find-active-holds";
import { loadActivePolicy } from "@/lib/server/policy/load-active-policy";
import { findMatchingRegistrations } from "@/lib/server/protected/find-matching-registrations";
import { readKillSwitch } from "./kill-switch";

export type TDecisionState = {
  policy: TActivePolicy | null;
  registrations: TRegistration[];
  holds: THold[];
  killSwitch: TKillSwitch;
  registrationDeadline: Date | null;
  webhookConfigured: boolean;
};

/**
 * Everything besides the proposal that the decision depends on, read inside the decision's
 * transaction: a kill switch or a new policy version committed before it is seen; one
 * committed after it applies to the next decision (the decision records which version).
 */
export async function loadDecisionState(tx: TTx, target: Pick<TEntity, "kind" | "value">, now: Date): Promise<TDecisionState> {
  const policy = await loadActivePolicy(tx);
  const registrations = await findMatchingRegistrations(tx, target, now);
  const holds = await findActiveHolds(tx, now);
  const killSwitch = await readKillSwitch(tx);
  const registrationDeadline = await findApplicableDeadline(tx, target, now);
  const webhooks = await tx.connectorSetting.count({ where: { kind: "webhook", enabled: true } });
  return { policy, registrations, holds, killSwitch, registrationDeadline, webhookConfigured: webhooks > 0 };
}
