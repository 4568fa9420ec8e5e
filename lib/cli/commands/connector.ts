import type { Command } from "commander";
import { db } from "@/lib/db/client";
import { addWebhookConnector, ZNewWebhook } from "@/lib/server/connectors/add-webhook-connector";
import { cliActor } from "../cli-actor";
import { readStdin } from "../read-stdin";
import { withCliDatabase } from "../run-command";

export function registerConnector(program: Command): void {
  const connector = program.command("connector").description("outbound connectors");
  connector
    .command("add-webhook")
    .description("send every containment and release to a URL as signed JSON (HMAC-SHA256, Slack/Teams text included)")
    .requiredOption("--name <name>", "e.g. soc-slack")
    .requiredOption("--url <url>", "where to POST")
    .option("--secret-stdin", "read the shared secret from standard input (at least 16 characters)")
    .action((opts: { name: string; url: string; secretStdin?: boolean }) =>
      withCliDatabase(async () => {
        if (!opts.secretStdin) throw new Error("Pass the shared secret on standard input with --secret-stdin.");
        const input = ZNewWebhook.parse({ name: opts.name, url: opts.url, secret: await readStdin() });
        const created = await addWebhookConnector(db(), { input, actor: cliActor() });
        console.log(`Added webhook "${created.name}". Receivers check X-Reflex-Signature: sha256=HMAC(secret, "<X-Reflex-Timestamp>.<body>").`);
      }),
    );
}
