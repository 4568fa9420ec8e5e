import type { Command } from "commander";
import { db } from "@/lib/db/client";
import { isDatabaseEmpty, seedDemo, type TDemoCredential } from "@/prisma/seed-demo";
import { withCliDatabase } from "../run-command";

export function printDemoCredentials(credentials: TDemoCredential[]): void {
  console.log("\nDemo users (passwords shown once here, and on the sign-in page while demo mode is on):");
  for (const c of credentials) console.log(`  ${c.role.padEnd(7)} ${c.email.padEnd(22)} ${c.password}`);
  console.log("");
}

export function registerSeed(program: Command): void {
  program
    .command("seed")
    .description("fill an empty database with the demo organisation")
    .requiredOption("--demo", "seed the demo organisation (users, policy, playbooks, assets)")
    .action(() =>
      withCliDatabase(async () => {
        if (!(await isDatabaseEmpty(db()))) {
          throw new Error("The database already has users: the demo seed only fills an empty database.");
        }
        printDemoCredentials(await seedDemo(db()));
      }),
    );
}
