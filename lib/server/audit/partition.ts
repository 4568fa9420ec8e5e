import { createHash } from "node:crypto";

// The audit log is 16 hash chains rather than one: a writer locks only its partition's
// head, so alerts about different targets do not queue behind each other, and every
// event about one target lands in one chain, in order. `id` still orders all events
// globally; `reflex audit verify` checks every chain (docs/AUDIT.md).
export const AUDIT_PARTITIONS = 16;

/** Events without a subject (policy, users, settings) share partition 0. */
export function partitionFor(subjectKey: string | null): number {
  if (!subjectKey) return 0;
  const digest = createHash("sha256").update(subjectKey).digest();
  return digest.readUInt32BE(0) % AUDIT_PARTITIONS;
}
