"use server";

import { db } from "@/lib/db/client";
import { defineAction } from "@/lib/server/action-client";
import { auditActorOf } from "@/lib/server/auth/audit-actor";
import { setKillSwitch, ZKillSwitchChange } from "@/lib/server/pipeline/set-kill-switch";
import { ASSET_CLASS_PERMISSION, createAssetClass, deleteAssetClass, updateAssetClass, ZAssetClassInput, ZAssetClassKey } from "@/lib/server/policy/asset-class-changes";
import { revokePolicyVersion, ZRevoke } from "@/lib/server/policy/revoke-policy-version";
import { runPolicyBacktest, ZBacktestRequest } from "@/lib/server/policy/run-policy-backtest";
import { signWithReauthentication, ZSignRequest } from "@/lib/server/policy/sign-with-reauthentication";
import { startPolicyDraft, ZStartDraft } from "@/lib/server/policy/start-policy-draft";
import { updatePolicyDraft, ZDraftUpdate } from "@/lib/server/policy/update-policy-draft";

// Every export here is a public endpoint: each goes through defineAction (session, role,
// zod input) and then a service that checks the role again against the user row.

export const setKillSwitchAction = defineAction(
  { name: "setKillSwitch", permission: "killswitch:toggle", input: ZKillSwitchChange },
  async (change, { user, meta }) => setKillSwitch(db(), { change, actor: auditActorOf(user, meta) }),
);

export const startDraftAction = defineAction(
  { name: "startPolicyDraft", permission: "policy:edit", input: ZStartDraft },
  async (input, { user, meta }) => {
    const draft = await startPolicyDraft(db(), { input, userId: user.id, actor: auditActorOf(user, meta) });
    return { version: draft.version };
  },
);

export const saveDraftAction = defineAction(
  { name: "savePolicyDraft", permission: "policy:edit", input: ZDraftUpdate },
  async (update, { user, meta }) => updatePolicyDraft(db(), { update, userId: user.id, actor: auditActorOf(user, meta) }),
);

export const runBacktestAction = defineAction(
  { name: "runPolicyBacktest", permission: "policy:edit", input: ZBacktestRequest },
  async (request, { user, meta }) => runPolicyBacktest(db(), { request, userId: user.id, actor: auditActorOf(user, meta) }),
);

export const signPolicyAction = defineAction(
  { name: "signPolicy", permission: "policy:sign", input: ZSignRequest },
  async (request, { user, meta }) => signWithReauthentication(db(), { request, user, actor: auditActorOf(user, meta) }),
);

export const revokePolicyAction = defineAction(
  { name: "revokePolicy", permission: "policy:sign", input: ZRevoke },
  async (input, { user, meta }) => revokePolicyVersion(db(), { input, userId: user.id, actor: auditActorOf(user, meta) }),
);

export const createAssetClassAction = defineAction(
  { name: "createAssetClass", permission: ASSET_CLASS_PERMISSION, input: ZAssetClassInput },
  async (input, { user, meta }) => createAssetClass(db(), { input, userId: user.id, actor: auditActorOf(user, meta) }),
);

export const updateAssetClassAction = defineAction(
  { name: "updateAssetClass", permission: ASSET_CLASS_PERMISSION, input: ZAssetClassInput },
  async (input, { user, meta }) => updateAssetClass(db(), { input, userId: user.id, actor: auditActorOf(user, meta) }),
);

export const deleteAssetClassAction = defineAction(
  { name: "deleteAssetClass", permission: ASSET_CLASS_PERMISSION, input: ZAssetClassKey },
  async ({ key }, { user, meta }) => deleteAssetClass(db(), { key, userId: user.id, actor: auditActorOf(user, meta) }),
);
