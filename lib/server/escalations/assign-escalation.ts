import { z } from "zod";
import type { TDb } from "@/lib/db/client";
import { ExpectedError } from "@/lib/server/errors";

export const ZAssignEscalation = z.object({ escalationId: z.uuid("Unknown escalation.") });

/**
 * Takes an open escalation: the queue shows who is on it, so two analysts do not work the
 * same item. Taking is not a decision and is not audited; the answer is.
 */
export async function assignEscalation(client: TDb, options: { escalationId: string; user: { id: string; name: string } }) {
  const taken = await client.escalation.updateMany({
    where: { id: options.escalationId, status: "OPEN" },
    data: { assigneeId: options.user.id, assigneeName: options.user.name },
  });
  if (taken.count === 0) throw new ExpectedError("CONFLICT", "This escalation is no longer open.");
  return { escalationId: options.escalationId, assigneeName: options.user.name };
}
