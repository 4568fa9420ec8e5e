import { formatShortDuration } from "./go-duration";
import type { TActionType } from "./types";

// The sentences the audit feed and notifications show for containments.

const DONE: Record<TActionType, (target: string) => string> = {
  block_ip: (t) => `Blocked ${t} at the perimeter`,
  disable_account: (t) => `Disabled account ${t}`,
  revoke_sessions: (t) => `Revoked the sessions of ${t}`,
  isolate_host: (t) => `Isolated host ${t}`,
  kill_process: (t) => `Killed the process on ${t}`,
  quarantine_file: (t) => `Quarantined the file on ${t}`,
  step_up_auth: (t) => `Required step-up authentication for ${t}`,
};

const UNDONE: Record<TActionType, (target: string) => string> = {
  block_ip: (t) => `Unblocked ${t}`,
  disable_account: (t) => `Re-enabled account ${t}`,
  revoke_sessions: (t) => `Allowed new sessions for ${t}`,
  isolate_host: (t) => `Released host ${t} from isolation`,
  kill_process: (t) => `Ended the process containment on ${t}`,
  quarantine_file: (t) => `Restored the file on ${t}`,
  step_up_auth: (t) => `Ended step-up authentication for ${t}`,
};

export function describeContainmentDone(input: {
  action: TActionType;
  target: string;
  ttlSeconds: number;
  why: string;
  confidence: number;
  blastRadius: number;
  policyVersion: number | null;
  signedBy: string | null;
}): string {
  const policy = input.policyVersion ? `policy v${input.policyVersion} signed by ${input.signedBy ?? "unknown"}` : "approved by an analyst";
  return `${DONE[input.action](input.target)} for ${formatShortDuration(input.ttlSeconds)} — ${input.why} — confidence ${input.confidence.toFixed(2)}, blast radius ${input.blastRadius} — ${policy}`;
}

export function describeContainmentUndone(action: TActionType, target: string, why: string): string {
  return `${UNDONE[action](target)}: ${why}`;
}
