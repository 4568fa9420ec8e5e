import type { Command } from "commander";
import { db } from "@/lib/db/client";
import { createApiToken, ZNewToken } from "@/lib/server/tokens/create-api-token";
import { revokeApiToken, ZRevokeToken } from "@/lib/server/tokens/revoke-api-token";
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
  token
    .command("list")
    .description("list API tokens: name, scope, prefix, last use, status (never the tokens themselves)")
    .action(() =>
      withCliDatabase(async () => {
        const rows = await db().apiToken.findMany({ orderBy: { createdAt: "asc" }, include: { enforcementPoint: true } });
        if (rows.length === 0) {
          console.log("No API tokens. Create one with: npx reflex token create --name edge-fw-1 --scope feed");
          return;
        }
        const when = (d: Date | null | undefined) => (d ? d.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "never");
        console.table(
          rows.map((t) => ({
            name: t.name,
            scope: t.scope,
            prefix: `${t.prefix}…`,
            "last used": when(t.enforcementPoint?.lastPullAt ?? t.lastUsedAt),
            status: t.revokedAt ? `revoked ${when(t.revokedAt)}` : "active",
          })),
        );
      }),
    );
  token
    .command("revoke")
    .description("revoke an API token: requests carrying it are refused from now on; signed in the audit log")
    .requiredOption("--name <name>", "the token's name, as `token list` shows it")
    .requiredOption("--reason <text>", "why (goes in the audit log)")
    .action((opts: { name: string; reason: string }) =>
      withCliDatabase(async () => {
        const input = ZRevokeToken.parse({ token: opts.name, reason: opts.reason });
        const revoked = await revokeApiToken(db(), { input, actor: cliActor() });
        console.log(
          revoked.alreadyRevoked
            ? `Token "${revoked.name}" was already revoked; nothing changed.`
            : `Revoked ${revoked.scope} token "${revoked.name}": requests carrying it are refused from now on.`,
        );
      }),
    );
}
