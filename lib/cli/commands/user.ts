import type { Command } from "commander";
import { db } from "@/lib/db/client";
import { createUser, ZNewUser } from "@/lib/server/users/create-user";
import { cliActor } from "../cli-actor";
import { readStdin } from "../read-stdin";
import { withCliDatabase } from "../run-command";

export function registerUser(program: Command): void {
  const user = program.command("user").description("manage console users");
  user
    .command("create")
    .description("create a user (password from standard input)")
    .requiredOption("--email <email>")
    .requiredOption("--role <role>", "CISO, SOC, OWNER or VIEWER")
    .option("--name <name>", "display name (defaults to the email's local part)")
    .option("--password-stdin", "read the password from standard input")
    .action((opts: { email: string; role: string; name?: string; passwordStdin?: boolean }) =>
      withCliDatabase(async () => {
        const password = opts.passwordStdin ? await readStdin() : undefined;
        const input = ZNewUser.parse({
          email: opts.email,
          role: opts.role.toUpperCase(),
          name: opts.name ?? opts.email.split("@")[0],
          password,
        });
        const created = await createUser(db(), { input, actor: cliActor() });
        console.log(`Created ${created.role} user ${created.email}${password ? "" : " (no password: SSO sign-in only)"}.`);
      }),
    );
}
