import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { ZWebhookConfig } from "@/lib/connectors/webhook";
import { appendAudit, type TAuditActor } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";

export const ZNewWebhook = ZWebhookConfig.extend({
  name: z.string().trim().min(1, "Name the webhook, e.g. soc-slack.").max(80),
});

/** An outbound webhook: it receives every action and release, signed with its secret. */
export async function addWebhookConnector(client: TDb, options: { input: z.infer<typeof ZNewWebhook>; actor: TAuditActor }) {
  const { name, url, secret } = options.input;
  return client.$transaction(async (tx) => {
    if (await tx.connectorSetting.findUnique({ where: { name } })) {
      throw new ExpectedError("CONFLICT", `A connector named "${name}" already exists.`, { name: ["This name is taken."] });
    }
    const created = await tx.connectorSetting.create({ data: { kind: "webhook", name, config: { url, secret } } });
    await appendAudit(tx, {
      type: "SETTINGS_CHANGED",
      actor: options.actor,
      data: { change: "updated", key: `connector:${name}`, details: { kind: "webhook", url } },
      summary: `${options.actor.name} added the outbound webhook "${name}" (${new URL(url).host})`,
    });
    return { id: created.id, name: created.name };
  });
}
