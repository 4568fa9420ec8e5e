import type { TDb } from "@/lib/db/client";
import { demoPolicyDocument } from "@/lib/domain/policy-defaults";
import type { TContainmentRequirements } from "@/lib/domain/types";
import type { Prisma } from "@/lib/generated/prisma";
import { BUILT_IN_PLAYBOOKS } from "@/lib/playbooks/registry";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { createPolicyDraft } from "@/lib/server/policy/create-policy-draft";
import { signPolicyVersion } from "@/lib/server/policy/sign-policy-version";

// The autonomic loop's demo: policy v1 signed by the demo CISO (external IPs are blocked
// on their own), the built-in playbooks at version 1, and two protected assets owned by
// the demo business owner inside an open registration campaign.

const DAY = 86_400_000;

function requirements(partial: Partial<TContainmentRequirements>): Prisma.InputJsonValue {
  return { neverAutomatic: false, allowedActions: null, approvalBy: null, maxTtlSeconds: null, preferredAction: null, maintenanceWindows: [], ...partial };
}

export async function seedDemoLoop(client: TDb, actor: TAuditActor): Promise<void> {
  const ciso = await client.user.findUniqueOrThrow({ where: { email: "ciso@example.com" } });
  const owner = await client.user.findUniqueOrThrow({ where: { email: "owner@example.com" } });
  const cisoActor: TAuditActor = { kind: "USER", id: ciso.id, name: ciso.name, email: ciso.email, role: ciso.role };

  const draft = await createPolicyDraft(client, { document: demoPolicyDocument(), createdById: ciso.id, actor: cisoActor });
  await signPolicyVersion(client, { versionId: draft.id, signer: { id: ciso.id, name: ciso.name }, actor: cisoActor });

  await client.$transaction(async (tx) => {
    for (const p of BUILT_IN_PLAYBOOKS) {
      await tx.playbook.create({
        data: { key: p.key, version: 1, name: p.name, description: p.description, definition: p.defaultParams as Prisma.InputJsonValue },
      });
      await appendAudit(tx, {
        type: "PLAYBOOK_CHANGED",
        actor,
        subject: { playbookKey: p.key },
        data: { change: "created", key: p.key, version: 1 },
        summary: `Installed built-in playbook ${p.name} (v1)`,
      });
    }
  });

  const now = Date.now();
  const campaign = await client.registrationCampaign.create({
    data: {
      name: "Protected list — Q4 2026",
      scopeAssetClasses: ["server", "crown-jewel", "service-account"],
      scopeBusinessUnits: ["Payments", "Retail"],
      opensAt: new Date(now - 7 * DAY),
      deadline: new Date(now + 21 * DAY),
      cadenceDays: 90,
      reminderDaysBefore: [14, 7, 1],
      createdById: ciso.id,
    },
  });
  const assets = [
    { selectorKind: "cidr" as const, selectorValue: "10.20.0.0/16", businessService: "Payments API", assetClass: "crown-jewel", criticality: "CRITICAL" as const, justification: "Card authorisations for every store; an outage stops sales.", onCallContact: "payments-oncall@example.com", requirements: requirements({ approvalBy: "owner@example.com", maxTtlSeconds: 3600, preferredAction: "step_up_auth" }) },
    { selectorKind: "account" as const, selectorValue: "svc-settlement", businessService: "Nightly settlement", assetClass: "service-account", criticality: "HIGH" as const, justification: "Runs the nightly settlement batch with the acquiring bank.", onCallContact: "payments-oncall@example.com", requirements: requirements({ allowedActions: ["revoke_sessions"], maintenanceWindows: [{ daysOfWeek: [0, 1, 2, 3, 4, 5, 6], start: "02:00", end: "04:00" }] }) },
  ];
  await client.$transaction(async (tx) => {
    for (const a of assets) {
      const created = await tx.protectedAsset.create({
        data: { ...a, ownerId: owner.id, campaignId: campaign.id, businessUnit: "Payments", certifiedAt: new Date(now), expiresAt: new Date(now + 90 * DAY) },
      });
      await appendAudit(tx, {
        type: "REGISTRATION_CHANGED",
        actor: { kind: "USER", id: owner.id, name: owner.name, email: owner.email, role: owner.role },
        subject: { kind: a.selectorKind, value: a.selectorValue },
        data: { change: "created", registrationId: created.id, selector: { kind: a.selectorKind, value: a.selectorValue } },
        summary: `${owner.name} registered ${a.selectorKind} ${a.selectorValue} (${a.businessService}) on the protected list`,
      });
    }
  });
}
