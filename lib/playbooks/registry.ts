// The playbooks Reflex ships with. The code is the logic; the SOC's tuning (parameters,
// enabled or not) lives in the Playbook table, versioned, and is parsed with ZParams.
import type { TNormalizedAlert } from "@/lib/domain/types";
import type { TParseResult } from "@/lib/domain/result";
import { bruteForceIp } from "./brute-force-ip";
import { compromisedAccount } from "./compromised-account";
import { malwareHost } from "./malware-host";
import type { TPlaybook } from "./types";

/** In order of precedence: the first enabled playbook that matches an alert handles it. */
export const BUILT_IN_PLAYBOOKS: readonly TPlaybook[] = [bruteForceIp, compromisedAccount, malwareHost];

export function playbookByKey(key: string): TPlaybook | null {
  return BUILT_IN_PLAYBOOKS.find((p) => p.key === key) ?? null;
}

/** The playbook that handles `alert`: the first match among the enabled ones (all, when omitted). */
export function selectPlaybook(alert: TNormalizedAlert, enabledKeys?: Iterable<string>): TPlaybook | null {
  const enabled = enabledKeys === undefined ? null : new Set(enabledKeys);
  return BUILT_IN_PLAYBOOKS.find((p) => (enabled === null || enabled.has(p.key)) && p.matches(alert)) ?? null;
}

/** Stored parameters (possibly partial, from an older version) merged over the defaults. */
export function parsePlaybookParams(playbook: TPlaybook, stored: unknown): TParseResult<unknown> {
  const parsed = playbook.ZParams.safeParse(stored ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const error = parsed.error.issues.map((i) => `${i.path.length > 0 ? `${i.path.join(".")}: ` : ""}${i.message}`).join("; ");
  return { ok: false, error };
}
