import type { TDb, TTx } from "@/lib/db/client";
import { ZPolicyDocument } from "@/lib/domain/policy-schema";
import type { TActivePolicy } from "@/lib/domain/types";

/** The signed policy in force, or null (then nothing executes autonomously). */
export async function loadActivePolicy(client: TDb | TTx): Promise<TActivePolicy | null> {
  const row = await client.policyVersion.findFirst({ where: { status: "ACTIVE" } });
  if (!row) return null;
  // A stored document that no longer parses is treated as no policy: fail safe (escalate).
  const parsed = ZPolicyDocument.safeParse(row.document);
  if (!parsed.success) return null;
  return { id: row.id, version: row.version, document: parsed.data, signedBy: row.signedByName ?? "unknown" };
}
