import type { TRawSql } from "@/lib/db/raw-sql";
import { inferAssetClass } from "@/lib/domain/asset-class";
import { applicableDeadline } from "@/lib/domain/campaign-scope";
import type { TActivePolicy, TEntity, TEntityKind, THold, TKillSwitch, TRegistration } from "@/lib/domain/types";
import { holdFromRow } from "@/lib/server/holds/find-active-holds";
import { activePolicyFromRow } from "@/lib/server/policy/load-active-policy";
import { findMatchingRegistrationsFor } from "@/lib/server/protected/find-matching-registrations";
import { settingFromValue } from "@/lib/server/settings/settings";

export type TDecisionState = {
  policy: TActivePolicy | null;
  registrations: TRegistration[];
  holds: THold[];
  killSwitch: TKillSwitch;
  registrationDeadline: Date | null;
  webhookConfigured: boolean;
};

type TGlobalRow = {
  policy: { id: string; version: number; document: unknown; signedByName: string | null } | null;
  holds: { id: string; kind: string; selectorKind: TEntityKind; selectorValue: string; reason: string; placedByName: string; expiresAtMs: number }[];
  killSwitch: unknown;
  campaigns: { scopeAssetClasses: string[]; scopeBusinessUnits: string[]; opensAtMs: number; deadlineMs: number }[];
  webhooks: number;
};

/**
 * Everything besides the proposal that the decision depends on, read inside the decision's
 * transaction: a kill switch or a new policy version committed before it is seen; one
 * committed after it applies to the next decision (the decision records which version).
 * The global part (policy, holds, kill switch, campaigns, webhooks) is one statement, the
 * registrations of every target another, however many targets a batch decides: per-alert
 * round trips through Prisma were most of an alert's cost (docs/BENCHMARKS.md). Times come
 * back as epoch milliseconds because the columns are timestamp(3) holding UTC, which JSON
 * would print without a zone.
 */
export async function loadDecisionStates(tx: TRawSql, targets: readonly Pick<TEntity, "kind" | "value">[], now: Date): Promise<TDecisionState[]> {
  if (targets.length === 0) return [];
  const nowText = now.toISOString();
  // Both statements go out together: the driver sends the second as soon as the first is answered.
  const [[row], registrations] = await Promise.all([
    tx.$queryRaw<TGlobalRow[]>`
    SELECT
      (SELECT json_build_object('id', p."id", 'version', p."version", 'document', p."document", 'signedByName', p."signedByName")
         FROM "PolicyVersion" p WHERE p."status" = 'ACTIVE' LIMIT 1) AS "policy",
      (SELECT coalesce(json_agg(json_build_object(
           'id', h."id", 'kind', h."kind", 'selectorKind', h."selectorKind", 'selectorValue', h."selectorValue", 'reason', h."reason",
           'placedByName', h."placedByName", 'expiresAtMs', extract(epoch FROM h."expiresAt") * 1000)), '[]'::json)
         FROM "InvestigationHold" h
         WHERE h."liftedAt" IS NULL AND h."expiresAt" > (${nowText}::timestamptz AT TIME ZONE 'UTC')) AS "holds",
      (SELECT s."value" FROM "Setting" s WHERE s."key" = 'killSwitch') AS "killSwitch",
      (SELECT coalesce(json_agg(json_build_object(
           'scopeAssetClasses', c."scopeAssetClasses", 'scopeBusinessUnits', c."scopeBusinessUnits",
           'opensAtMs', extract(epoch FROM c."opensAt") * 1000, 'deadlineMs', extract(epoch FROM c."deadline") * 1000)), '[]'::json)
         FROM "RegistrationCampaign" c
         WHERE c."closedAt" IS NULL AND c."opensAt" <= (${nowText}::timestamptz AT TIME ZONE 'UTC')) AS "campaigns",
      (SELECT count(*)::int FROM "ConnectorSetting" w WHERE w."kind" = 'webhook' AND w."enabled") AS "webhooks"`,
    findMatchingRegistrationsFor(tx, targets, now),
  ]);
  if (!row) throw new Error("the decision state query returned no row");
  const campaigns = row.campaigns.map((c) => ({ ...c, opensAt: new Date(c.opensAtMs), deadline: new Date(c.deadlineMs), closedAt: null }));
  const policy = row.policy && activePolicyFromRow(row.policy);
  const holds = row.holds.map((h) => holdFromRow({ ...h, expiresAt: new Date(h.expiresAtMs) }));
  const killSwitch = settingFromValue("killSwitch", row.killSwitch);
  return targets.map((target, i) => ({
    policy,
    registrations: registrations[i]!,
    holds,
    killSwitch,
    registrationDeadline: applicableDeadline(campaigns, inferAssetClass(target), now),
    webhookConfigured: row.webhooks > 0,
  }));
}

/** The state for one target: what an approval re-decides against. */
export async function loadDecisionState(tx: TRawSql, target: Pick<TEntity, "kind" | "value">, now: Date): Promise<TDecisionState> {
  const [state] = await loadDecisionStates(tx, [target], now);
  return state!;
}
