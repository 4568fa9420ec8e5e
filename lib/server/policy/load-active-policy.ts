import type { TDb, TTx } from "@/lib/db/client";
import { ZPolicyDocument } from "@/lib/domain/policy-schema";
import type { TActivePolicy } from "@/lib/domain/types";

/** The signed policy in force, or null (then nothing executes autonomously). */
export async function loadActivePolicy(client: TDb | TTx): Promise<TActivePolicy | null> {
  const row = await client.policyVersion.findFirst({ where: { status: "ACTIVE" }, select: { id: true, version: true, document: true, signedByName: true } });
  return row && activePolicyFromRow(row);
}

// Signed versions are frozen by a trigger, so a version's parsed document never changes:
// every decision reads the active policy, and parsing it each time was measurable.
const parsedDocuments = new Map<string, TActivePolicy["document"] | null>();

export function activePolicyFromRow(row: { id: string; version: number; document: unknown; signedByName: string | null }): TActivePolicy | null {
  let document = parsedDocuments.get(row.id);
  if (document === undefined) {
    // A stored document that no longer parses is treated as no policy: fail safe (escalate).
    const parsed = ZPolicyDocument.safeParse(row.document);
    document = parsed.success ? parsed.data : null;
    if (parsedDocuments.size > 100) parsedDocuments.clear();
    parsedDocuments.set(row.id, document);
  }
  return document && { id: row.id, version: row.version, document, signedBy: row.signedByName ?? "unknown" };
}
