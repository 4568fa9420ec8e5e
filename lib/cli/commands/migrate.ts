import type { Command } from "commander";
import { withCliDatabase } from "../run-command";

export function registerMigrate(program: Command): void {
  program
    .command("migrate")
    .description("apply pending database migrations")
    .action(() =>
      withCliDatabase(async (db) => {
        console.log(`Database: ${db.description}. Migrations are up to date.`);
      }),
    );
}
