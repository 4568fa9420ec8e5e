import { z } from "zod";
import { disconnectDb } from "@/lib/db/client";
import { ExpectedError } from "@/lib/server/errors";
import { openCliDatabase, type TCliDatabase } from "./database";

/** Runs a command against the database and turns expected errors into a clear exit. */
export async function withCliDatabase(run: (db: TCliDatabase) => Promise<void>): Promise<void> {
  let database: TCliDatabase | null = null;
  try {
    database = await openCliDatabase();
    await run(database);
  } catch (error) {
    reportCliError(error);
    process.exitCode = 1;
  } finally {
    await disconnectDb();
    await database?.close();
  }
}

export function reportCliError(error: unknown): void {
  if (error instanceof z.ZodError) {
    for (const issue of error.issues) console.error(`error: ${issue.path.join(".") || "input"}: ${issue.message}`);
  } else if (error instanceof ExpectedError) {
    console.error(`error: ${error.message}`);
    for (const [field, messages] of Object.entries(error.fieldErrors)) console.error(`  ${field}: ${messages.join("; ")}`);
  } else {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  }
}
