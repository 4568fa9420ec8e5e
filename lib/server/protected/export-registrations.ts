import "server-only";
import type { TDb } from "@/lib/db/client";
import { registrationCsvHeader, registrationCsvRow } from "@/lib/domain/registration-csv";
import { scopedWhere, type TRegistrationScope } from "./registration-scope";
import { REGISTRATION_SELECT, toRegistrationView } from "./registration-view";

const BATCH = 1000;

/** The live registrations in scope as CSV (the import format), streamed in batches so 100,000 rows never sit in memory at once. */
export function exportRegistrationsCsv(client: TDb, options: { scope: TRegistrationScope }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | null = null;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(registrationCsvHeader()));
      }
      const rows = await client.protectedAsset.findMany({
        where: scopedWhere(options.scope),
        orderBy: { id: "asc" },
        take: BATCH,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        select: REGISTRATION_SELECT,
      });
      const text = rows
        .map(toRegistrationView)
        .map((v) => registrationCsvRow({ ...v, ownerEmail: v.owner.email }))
        .join("");
      if (text) controller.enqueue(encoder.encode(text));
      cursor = rows.at(-1)?.id ?? null;
      if (rows.length < BATCH) controller.close();
    },
  });
}
