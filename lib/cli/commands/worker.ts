import type { Command } from "commander";
import { disconnectDb } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/workers";
import { openCliDatabase } from "../database";
import { reportCliError } from "../run-command";

export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description("run background jobs (expiry, connectors, webhooks) alongside the console, on the same database")
    .action(async () => {
      try {
        const database = await openCliDatabase();
        await startWorkers();
        console.log(`Reflex worker running on ${database.description}. Ctrl-C to stop.`);
        const stop = async () => {
          await stopBoss();
          await disconnectDb();
          await database.close();
          process.exit(0);
        };
        process.on("SIGINT", () => void stop());
        process.on("SIGTERM", () => void stop());
      } catch (error) {
        reportCliError(error);
        process.exit(1);
      }
    });
}
