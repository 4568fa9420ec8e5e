import type { Command } from "commander";
import { db } from "@/lib/db/client";
import { createApiToken, ZNewToken } from "@/lib/server/tokens/create-api-token";
import { cliActor } from "../cli-actor";
import { withCliDatabase } from "../run-command";

export function registerToken(program: Command): void {
  const token = program.command("token").description("manage API tokens");
  token
    .command("create")
    .description("create an API token; it is printed once and only its hash is kept")
    .requiredOption("--name <name>", "what uses it, e.g. edge-fw-1")
    .requiredOption("--scope <scope>", "ingest | feed | bouncer | admin")
    .option("--quiet", "print the token only")
    .action((opts: { name: string; scope: string; quiet?: boolean }) =>
      withCliDatabase(async () => {
        const input = ZNewToken.parse({ name: opts.name, scope: opts.scope });
        const created = await createApiToken(db(), { input, actor: cliActor() });
        if (opts.quiet) {
          console.log(created.token);
          return;
        }
        console.log(`Created ${created.scope} token "${created.name}". Copy it now: it will not be shown again.\n`);
        console.log(`  ${created.token}\n`);
      }),
    );
}
