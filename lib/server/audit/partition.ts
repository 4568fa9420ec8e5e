import { createHash } from "node:crypto";

// The audit log is 16 hash chains rather than one: a writer locks only its partition's
// head, so transactions about different targets do not queue behind each other. A
// transaction's events all go to the partition of its first event's subject (a group of
// alerts signs in one append), so events about one target written by different
// transactions may sit in different chains. `id` orders all events globally;
// `reflex audit verify` checks every chain (docs/AUDIT.md).
export const AUDIT_PARTITIONS = 16;

/** Events without a subject (policy, users, settings) share partition 0. */
export function partitionFor(subjectKey: string | null): number {
  if (!subjectKey) return 0;
  const digest = createHash("sha256").update(subjectKey).digest();
  return digest.readUInt32BE(0) % AUDIT_PARTITIONS;
}
