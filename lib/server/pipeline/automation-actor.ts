import type { TAuditActor } from "@/lib/server/audit/append-audit";

/** Reflex acting on its own signs as the playbook and the policy version it ran under. */
export function automationActor(playbook: { key: string; version: number }, policyVersion: number | null): TAuditActor {
  return {
    kind: "AUTOMATION",
    name: `Reflex (playbook ${playbook.key} v${playbook.version}${policyVersion ? `, policy v${policyVersion}` : ", no signed policy"})`,
    role: "automation",
  };
}
