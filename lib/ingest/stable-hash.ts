// Deterministic ids for alerts whose sender gives none (Alertmanager with an empty
// fingerprint, Splunk results, CrowdSec alerts without an id): the same content always
// hashes the same, whatever order the sender wrote the keys in, so retries dedupe.
import { canonicalJson, sha256Hex } from "@/lib/domain/canonical-json";

/** 16 hex characters (64 bits) of SHA-256 over the canonical JSON of parsed JSON `value`. */
export function stableHash(value: unknown): string {
  return sha256Hex(canonicalJson(value)).slice(0, 16);
}
