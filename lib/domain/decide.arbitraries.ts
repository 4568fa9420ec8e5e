// fast-check generators for decision inputs, shared by the decide, index and backtest
// tests. Values come from small pools so that targets, registrations and holds collide
// often: a generator whose selectors never match would prove nothing.
import fc from "fast-check";
import {
  ACTION_TYPES, FAIL_MODES, POLICY_MODES,
  type TActivePolicy, type TContextOutcome, type TDecisionInput, type TEntity, type THold, type TKillSwitch,
  type TMaintenanceWindow, type TPolicyCell, type TPolicyRule, type TProposal, type TRegistration, type TSelector,
} from "./types";
import { DEFAULT_ASSET_CLASS_KEYS } from "./asset-class";

/** Monday 2025-06-02 00:00 UTC: `now` falls in the week after it. */
export const T0 = Date.UTC(2025, 5, 2);
const MINUTE = 60_000;
const minutesAfterT0 = (min: number, max: number) => fc.integer({ min, max }).map((m) => new Date(T0 + m * MINUTE));

export const arbNow = minutesAfterT0(0, 7 * 24 * 60 - 1);
/** From a day before the week to a day after it, so both lapsed and live ones are common. */
export const arbNearDate = minutesAfterT0(-24 * 60, 8 * 24 * 60);

const v4 = fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 7 }))
  .map(([internal, b, c]) => (internal ? `10.0.${b}.${c}` : `203.0.113.${b * 8 + c}`));
const v6 = fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 7 })).map(([b, c]) => `2001:db8:0:${b}::${c}`);
const mapped = v4.map((a) => `::ffff:${a}`);

export const arbIpText = fc.oneof({ arbitrary: v4, weight: 4 }, v6, mapped);
export const arbCidrText = fc.oneof(
  { arbitrary: fc.tuple(v4, fc.constantFrom(0, 8, 16, 24, 28, 29, 30, 31, 32)).map(([a, p]) => `${a}/${p}`), weight: 3 },
  fc.tuple(v6, fc.constantFrom(0, 32, 48, 64, 120, 125, 126, 128)).map(([a, p]) => `${a}/${p}`),
  fc.tuple(mapped, fc.constantFrom(96, 104, 120, 128)).map(([a, p]) => `${a}/${p}`),
);
const labels = fc.array(fc.constantFrom("web", "pay", "corp", "example"), { minLength: 1, maxLength: 4 });
export const arbHostText = labels.chain((ls) => fc.mixedCase(fc.constant(ls.join("."))));
export const arbWildcardText = fc.array(fc.constantFrom("web", "pay", "corp", "example"), { minLength: 2, maxLength: 3 })
  .map((ls) => `*.${ls.join(".")}`);
export const arbAccountText = fc.constantFrom("alice", "bob", "svc-backup", "web01$", "corp\\alice", "alice@corp.example")
  .chain((a) => fc.mixedCase(fc.constant(a)));
export const arbAppText = fc.constantFrom("payments-api", "hr-portal", "Payments-API");

export const arbSelector: fc.Arbitrary<TSelector> = fc.oneof(
  { arbitrary: arbIpText.map((value) => ({ kind: "ip" as const, value })), weight: 3 },
  { arbitrary: arbCidrText.map((value) => ({ kind: "cidr" as const, value })), weight: 3 },
  { arbitrary: fc.oneof(arbHostText, arbWildcardText).map((value) => ({ kind: "host" as const, value })), weight: 2 },
  { arbitrary: arbAccountText.map((value) => ({ kind: "account" as const, value })), weight: 2 },
  { arbitrary: arbAppText.map((value) => ({ kind: "app" as const, value })), weight: 1 },
);

/** Concrete targets, as alerts carry them (a CIDR now and then: blocking a whole range). */
export const arbTarget: fc.Arbitrary<TEntity> = fc.oneof(
  { arbitrary: arbIpText.map((value) => ({ kind: "ip" as const, value })), weight: 4 },
  { arbitrary: arbCidrText.map((value) => ({ kind: "cidr" as const, value })), weight: 1 },
  { arbitrary: arbHostText.map((value) => ({ kind: "host" as const, value })), weight: 2 },
  { arbitrary: arbAccountText.map((value) => ({ kind: "account" as const, value })), weight: 2 },
  { arbitrary: arbAppText.map((value) => ({ kind: "app" as const, value })), weight: 1 },
).map((e) => ({ ...e, role: "target" as const }));

export const ASSET_CLASSES = [...DEFAULT_ASSET_CLASS_KEYS, "payments-tier1"];

const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30))
  .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
export const arbWindow: fc.Arbitrary<TMaintenanceWindow> = fc.record({
  daysOfWeek: fc.subarray([0, 1, 2, 3, 4, 5, 6], { minLength: 1 }),
  start: hhmm,
  end: hhmm,
});

/** null `nullWeight` times as often as a value: owners restrict things now and then. */
const nullOr = <T>(arb: fc.Arbitrary<T>, nullWeight: number) =>
  fc.oneof({ arbitrary: fc.constant(null), weight: nullWeight }, { arbitrary: arb, weight: 1 });
const mostlyFalse = fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, fc.constant(true));

export const arbRegistration: fc.Arbitrary<Omit<TRegistration, "id">> = fc.record({
  selector: arbSelector,
  ownerName: fc.constantFrom("Ada Lovelace", "Grace Hopper"),
  businessService: fc.constantFrom("Payments", "HR"),
  assetClass: fc.constantFrom(...ASSET_CLASSES),
  requirements: fc.record({
    neverAutomatic: mostlyFalse,
    allowedActions: nullOr(fc.subarray([...ACTION_TYPES]), 2),
    approvalBy: nullOr(fc.constantFrom("Payments CAB", "Grace Hopper"), 3),
    maxTtlSeconds: fc.option(fc.constantFrom(600, 3600, 14_400, 86_400), { nil: null }),
    preferredAction: fc.option(fc.constantFrom(...ACTION_TYPES), { nil: null }),
    maintenanceWindows: fc.oneof({ arbitrary: fc.constant<TMaintenanceWindow[]>([]), weight: 2 }, fc.array(arbWindow, { minLength: 1, maxLength: 2 })),
  }),
  expiresAt: fc.option(arbNearDate, { nil: null }),
});

/** Ids are positions, so they stay unique and shrinking keeps them readable. */
export const arbRegistrations = (maxLength: number) =>
  fc.array(arbRegistration, { maxLength }).map((rs) => rs.map((r, i): TRegistration => ({ ...r, id: `reg-${i}` })));

export const arbHolds: fc.Arbitrary<THold[]> = fc.array(
  fc.record({ selector: arbSelector, reason: fc.constant("incident review"), placedBy: fc.constant("Lin (SOC lead)"), expiresAt: arbNearDate }),
  { maxLength: 2 },
).map((hs) => hs.map((h, i) => ({ ...h, id: `hold-${i}` })));

const arbScore = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.5, 0.8, 0.9, 1));

export const arbCell: fc.Arbitrary<TPolicyCell> = fc.record({
  mode: fc.oneof({ arbitrary: fc.constant("autonomous" as const), weight: 4 }, fc.constantFrom(...POLICY_MODES)),
  minConfidence: arbScore,
  maxBlastRadius: fc.integer({ min: 0, max: 10 }),
  ttlSeconds: fc.constantFrom(60, 3600, 14_400, 86_400),
  requireContext: fc.boolean(),
  allowIrreversible: fc.boolean(),
});

const arbRule: fc.Arbitrary<TPolicyRule> = fc.tuple(fc.constantFrom(...ACTION_TYPES), fc.constantFrom(...ASSET_CLASSES), arbCell)
  .map(([action, assetClass, cell]) => ({ action, assetClass, ...cell }));

export const arbActivePolicy: fc.Arbitrary<TActivePolicy> = fc.record({
  id: fc.constant("policy-1"),
  version: fc.integer({ min: 1, max: 20 }),
  signedBy: fc.constant("Ada (CISO)"),
  document: fc.record({
    rules: fc.array(arbRule, { maxLength: 40 }),
    defaultRule: arbCell,
    failMode: fc.constantFrom(...FAIL_MODES),
    escalationSlaMinutes: fc.constant(30),
    rationale: fc.constant("generated"),
  }),
});

export const arbContext: fc.Arbitrary<TContextOutcome> = fc.oneof(
  { arbitrary: fc.constant<TContextOutcome>({ status: "clear", summary: "no legitimate traffic in 24 h" }), weight: 3 },
  fc.constant<TContextOutcome>({ status: "conflicting", summary: "legitimate traffic in 24 h", evidence: ["HTTP 200 from 203.0.113.7 at 09:12"] }),
  fc.constant<TContextOutcome>({ status: "unavailable", summary: "context store timed out" }),
);

export const arbProposal: fc.Arbitrary<TProposal> = fc.record({
  playbook: fc.constant({ key: "ssh-bruteforce", version: 3 }),
  action: fc.constantFrom(...ACTION_TYPES),
  target: arbTarget,
  confidence: arbScore,
  blastRadius: fc.integer({ min: 0, max: 10 }).map((count) => ({ count, items: Array.from({ length: Math.min(count, 3) }, (_, i) => `asset-${i}`) })),
  reversible: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, fc.constant(false)),
  context: arbContext,
  rationale: fc.constant("12 failed SSH logins in 60 s"),
});

export const arbKillSwitch: fc.Arbitrary<TKillSwitch> = fc.oneof(
  { arbitrary: fc.constant({ engaged: false, reason: null, by: null }), weight: 9 },
  fc.constant({ engaged: true, reason: "incident review", by: "Ada (CISO)" }),
);

export const arbDecisionInput: fc.Arbitrary<TDecisionInput> = fc.record({
  proposal: arbProposal,
  policy: fc.option(arbActivePolicy, { nil: null, freq: 10 }),
  registrations: arbRegistrations(5),
  holds: arbHolds,
  killSwitch: arbKillSwitch,
  now: arbNow,
  registrationDeadline: fc.option(arbNearDate, { nil: null }),
});

const LIVE = { engaged: false, reason: null, by: null };

/** A signed policy, no kill switch, and at least one registration covering the target exactly. */
export const arbProtectedInput: fc.Arbitrary<TDecisionInput> = fc
  .tuple(arbDecisionInput, arbActivePolicy, arbRegistration)
  .map(([input, policy, extra]) => {
    const own: TRegistration = { ...extra, id: "reg-target", selector: { kind: input.proposal.target.kind, value: input.proposal.target.value }, expiresAt: null };
    return { ...input, policy, killSwitch: LIVE, registrations: [...input.registrations, own] };
  });

/** A signed policy, no kill switch, and a live hold on the target. */
export const arbHeldInput: fc.Arbitrary<TDecisionInput> = fc
  .tuple(arbDecisionInput, arbActivePolicy, fc.integer({ min: 1, max: 7 * 24 * 60 }))
  .map(([input, policy, minutes]) => {
    const hold: THold = {
      id: "hold-target", selector: { kind: input.proposal.target.kind, value: input.proposal.target.value },
      reason: "forensics", placedBy: "Lin (SOC lead)", expiresAt: new Date(input.now.getTime() + minutes * MINUTE),
    };
    return { ...input, policy, killSwitch: LIVE, holds: [...input.holds, hold] };
  });
