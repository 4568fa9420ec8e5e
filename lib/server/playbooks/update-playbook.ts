import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma";
import { playbookByKey } from "@/lib/playbooks/registry";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError, fieldErrorsOf } from "@/lib/server/errors";

export const ZPlaybookUpdate = z.object({
  key: z.string().min(1),
  params: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  /** The version the editor started from: a concurrent edit makes the save fail loudly. */
  expectedVersion: z.number().int().min(0),
});
export type TPlaybookUpdate = z.infer<typeof ZPlaybookUpdate>;

/**
 * Saves the SOC's tuning of a playbook as a new version; earlier versions stay, so every
 * decision can still name the exact version it ran with.
 */
export async function updatePlaybook(client: TDb, options: { update: TPlaybookUpdate; actor: TAuditActor; userId: string }) {
  const { update, actor } = options;
  const playbook = playbookByKey(update.key);
  if (!playbook) throw new ExpectedError("NOT_FOUND", `No built-in playbook "${update.key}".`);
  const parsed = playbook.ZParams.safeParse(update.params);
  if (!parsed.success) throw new ExpectedError("BAD_INPUT", "Some parameters need fixing.", fieldErrorsOf(parsed.error));
  return client.$transaction(async (tx) => {
    const current = await tx.$queryRaw<{ id: string; version: number }[]>`
      SELECT "id", "version" FROM "Playbook" WHERE "key" = ${update.key} AND "isCurrent" FOR UPDATE`;
    const currentVersion = current[0]?.version ?? 0;
    if (currentVersion !== update.expectedVersion) {
      throw new ExpectedError("CONFLICT", `Someone saved version ${currentVersion} of this playbook while you were editing version ${update.expectedVersion}. Reload to see their change.`);
    }
    if (current[0]) await tx.playbook.update({ where: { id: current[0].id }, data: { isCurrent: false } });
    const version = currentVersion + 1;
    await tx.playbook.create({
      data: { key: playbook.key, version, name: playbook.name, description: playbook.description, enabled: update.enabled, definition: parsed.data as Prisma.InputJsonValue, createdById: options.userId },
    });
    await appendAudit(tx, {
      type: "PLAYBOOK_CHANGED",
      actor,
      subject: { playbookKey: playbook.key },
      data: { change: "edited", key: playbook.key, version, details: { params: parsed.data as Record<string, unknown>, enabled: update.enabled } },
      summary: `${actor.name} saved playbook ${playbook.name} v${version}${update.enabled ? "" : " (disabled)"}: ${Object.entries(parsed.data as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`).join(", ")}`,
    });
    return { key: playbook.key, version };
  });
}
