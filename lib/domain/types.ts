// The shared vocabulary of Reflex's domain. Pure types and constants only: no Next.js,
// no Prisma, no clock. Every module under lib/ speaks these names.

export const ENTITY_KINDS = ["ip", "cidr", "host", "account", "app"] as const;
export type TEntityKind = (typeof ENTITY_KINDS)[number];

/** Which part an entity plays in an alert: the thing to contain, or only context. */
export const ENTITY_ROLES = ["target", "source", "related"] as const;
export type TEntityRole = (typeof ENTITY_ROLES)[number];

export type TEntity = {
  kind: TEntityKind;
  /** Canonical form: IPs normalised (IPv6 compressed, lower case), hosts lower case. */
  value: string;
  role: TEntityRole;
};

export const ACTION_TYPES = [
  "block_ip",
  "disable_account",
  "revoke_sessions",
  "isolate_host",
  "kill_process",
  "quarantine_file",
  "step_up_auth",
] as const;
export type TActionType = (typeof ACTION_TYPES)[number];

export const ACTION_LABELS: Record<TActionType, string> = {
  block_ip: "Block IP",
  disable_account: "Disable account",
  revoke_sessions: "Revoke sessions",
  isolate_host: "Isolate host",
  kill_process: "Kill process",
  quarantine_file: "Quarantine file",
  step_up_auth: "Step-up authentication",
};

export const SEVERITIES = ["info", "low", "medium", "high", "critical"] as const;
export type TSeverity = (typeof SEVERITIES)[number];

export const ALERT_FORMATS = [
  "generic",
  "alertmanager",
  "ocsf",
  "elastic",
  "splunk",
  "wazuh",
  "crowdsec",
  "reflex-detector",
] as const;
export type TAlertFormat = (typeof ALERT_FORMATS)[number];

/** One alert after parsing, whatever shape it arrived in. */
export type TNormalizedAlert = {
  format: TAlertFormat;
  /** Who sent it, e.g. "wazuh:manager01", "alertmanager", "splunk:search-name". */
  source: string;
  /** The sender's own id for this alert; stable across retries of the same alert. */
  externalId: string;
  /** Detection rule or alert type, e.g. "wazuh:5712", "ssh-bruteforce". */
  ruleId: string;
  title: string;
  severity: TSeverity;
  entities: TEntity[];
  /** The entity to act on (also present in `entities` with role "target"), or null. */
  target: TEntity | null;
  occurredAt: Date;
  raw: unknown;
};

export const VERDICTS = ["execute", "escalate", "suppress", "forbid", "shadow"] as const;
export type TVerdict = (typeof VERDICTS)[number];

export const POLICY_MODES = ["autonomous", "escalate", "forbidden", "shadow"] as const;
export type TPolicyMode = (typeof POLICY_MODES)[number];

export const FAIL_MODES = ["escalate", "suppress", "execute"] as const;
export type TFailMode = (typeof FAIL_MODES)[number];

/** One cell of the policy grid (action × asset class), or the default rule. */
export type TPolicyCell = {
  mode: TPolicyMode;
  /** 0..1: below this, an autonomous cell escalates instead. */
  minConfidence: number;
  /** Largest number of assets/users/services the action may touch autonomously. */
  maxBlastRadius: number;
  ttlSeconds: number;
  /** When true, the context check must have run and come back clear to execute. */
  requireContext: boolean;
  /** Explicit acknowledgement needed before an irreversible action may be autonomous. */
  allowIrreversible: boolean;
};

export type TPolicyRule = TPolicyCell & { action: TActionType; assetClass: string };

/** The signed document. Its canonical JSON is what gets hashed and signed. */
export type TPolicyDocument = {
  rules: TPolicyRule[];
  /** The "vanilla" policy for anything that has no cell (unregistered assets). */
  defaultRule: TPolicyCell;
  failMode: TFailMode;
  escalationSlaMinutes: number;
  rationale: string;
};

export type TActivePolicy = {
  id: string;
  version: number;
  document: TPolicyDocument;
  signedBy: string;
};

export type TSelector = { kind: TEntityKind; value: string };

export type TMaintenanceWindow = {
  /** 0 = Sunday … 6 = Saturday (UTC). */
  daysOfWeek: number[];
  /** "HH:MM" UTC, start inclusive, end exclusive; end < start wraps past midnight. */
  start: string;
  end: string;
};

export type TContainmentRequirements = {
  /** Never contain automatically: every proposal escalates to a human. */
  neverAutomatic: boolean;
  /** If set, only these actions may ever be taken against the asset. */
  allowedActions: TActionType[] | null;
  /** If set, containment needs this person's or group's approval. */
  approvalBy: string | null;
  maxTtlSeconds: number | null;
  /** What the owner would rather see done instead (a recommendation, never automatic). */
  preferredAction: TActionType | null;
  /** If non-empty, automatic containment only inside these windows. */
  maintenanceWindows: TMaintenanceWindow[];
};

export type TRegistration = {
  id: string;
  selector: TSelector;
  ownerName: string;
  businessService: string;
  assetClass: string;
  requirements: TContainmentRequirements;
  /** After this the registration no longer protects (cadence expiry); null = no expiry. */
  expiresAt: Date | null;
};

export type THold = {
  id: string;
  selector: TSelector;
  reason: string;
  placedBy: string;
  expiresAt: Date;
};

export type TBlastRadius = {
  count: number;
  /** What would be touched, e.g. "host web-01 (registered: Payments)". */
  items: string[];
};

/** What a playbook's context check found. */
export type TContextOutcome =
  /** The check ran and found nothing that argues against acting. */
  | { status: "clear"; summary: string }
  /** The check ran and found evidence against acting (e.g. legitimate traffic). */
  | { status: "conflicting"; summary: string; evidence: string[] }
  /** The context source could not be reached. */
  | { status: "unavailable"; summary: string };

export type TProposal = {
  playbook: { key: string; version: number };
  action: TActionType;
  target: TEntity;
  confidence: number;
  blastRadius: TBlastRadius;
  reversible: boolean;
  context: TContextOutcome;
  /** Why the playbook proposes this, in plain words. */
  rationale: string;
};

export type TKillSwitch = { engaged: boolean; reason: string | null; by: string | null };

export type TDecisionInput = {
  proposal: TProposal;
  policy: TActivePolicy | null;
  registrations: TRegistration[];
  holds: THold[];
  killSwitch: TKillSwitch;
  now: Date;
  /** Deadline of the campaign covering this asset, for the "not registered by" wording. */
  registrationDeadline?: Date | null;
};

export type TDecision = {
  verdict: TVerdict;
  /** Human-readable, in order of evaluation; the first one is the deciding reason. */
  reasons: string[];
  assetClass: string;
  /** The cell that applied (null when no policy). */
  cell: TPolicyCell | null;
  /** TTL the containment gets if executed (after owner caps). */
  ttlSeconds: number | null;
  /** Registrations that matched the target and shaped the verdict. */
  registrationIds: string[];
  /** Who must approve, when an owner named one. */
  approver: string | null;
  /** Recommendation attached to escalations. */
  recommendation: string | null;
  policyVersion: number | null;
  /** Shadow verdicts only: what the rehearsal would have done had the cell been autonomous. decide() sets null otherwise. */
  wouldHaveVerdict?: TVerdict | null;
};
