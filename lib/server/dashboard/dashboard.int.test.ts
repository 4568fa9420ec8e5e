import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { TVerdict } from "@/lib/domain/types";
import { demoPolicyDocument } from "@/lib/domain/policy-defaults";
import type { Prisma } from "@/lib/generated/prisma";
import { ExpectedError } from "@/lib/server/errors";
import { loadRehearsal } from "@/lib/server/rehearsal/load-rehearsal";
import { promoteShadowCell } from "@/lib/server/rehearsal/promote-shadow-cell";
import { listHeldBackDecisions, listRejectedEscalations } from "./list-reviewed-inaction";
import { loadDashboard } from "./load-dashboard";

// A hand-built history with fixed timestamps, so every aggregate has one right answer,
// worked out by hand in the comments. The window is the three weeks starting Monday
// 2026-11-09, up to Friday 2026-11-27 12:00 UTC.
const NOW = new Date("2026-11-27T12:00:00Z");
const t = (iso: string) => new Date(`${iso}Z`);
const plus = (d: Date, seconds: number) => new Date(d.getTime() + seconds * 1000);
// Alerts are measured from when they happened, not from when they arrived: a figure that
// used the arrival would be off by these 3 s.
const RECEIVED_AFTER = 3;

let socId: string;
let viewerId: string;
let n = 0;

type TDecisionSpec = {
  /** When the alert happened; Reflex receives it RECEIVED_AFTER seconds later. */
  at: Date;
  verdict: TVerdict;
  playbookKey: string;
  action: string;
  target: { kind: "ip" | "host" | "account"; value: string };
  assetClass: string;
  confidence?: number;
  wouldHave?: TVerdict;
  reason?: string;
};

async function decision(spec: TDecisionSpec) {
  n += 1;
  const alert = await db().alert.create({
    data: { format: "generic", source: "test", externalId: `a${n}`, ruleId: "r", title: `alert ${n}`, severity: "high", occurredAt: spec.at, receivedAt: plus(spec.at, RECEIVED_AFTER), targetKind: spec.target.kind, targetValue: spec.target.value, entities: [], raw: {}, status: "DECIDED" },
  });
  return db().decision.create({
    data: {
      alertId: alert.id,
      playbookKey: spec.playbookKey,
      playbookVersion: 1,
      action: spec.action,
      targetKind: spec.target.kind,
      targetValue: spec.target.value,
      assetClass: spec.assetClass,
      confidence: spec.confidence ?? 0.9,
      blastRadiusCount: 1,
      blastRadius: { count: 1, items: [] },
      reversible: true,
      contextStatus: "clear",
      contextSummary: "clear",
      verdict: spec.verdict,
      wouldHaveVerdict: spec.wouldHave ?? null,
      reasons: [spec.reason ?? `verdict ${spec.verdict}`],
      createdAt: plus(spec.at, 20),
    },
  });
}

type TContainmentSpec = {
  decisionId?: string;
  playbookKey?: string | null;
  action?: string;
  target: { kind: "ip" | "host" | "account"; value: string };
  createdAt: Date;
  activatedAt: Date;
  status: "ACTIVE" | "RELEASED" | "EXPIRED";
  endedAt?: Date;
};

function containment(spec: TContainmentSpec) {
  return db().containment.create({
    data: {
      decisionId: spec.decisionId ?? null,
      playbookKey: spec.playbookKey ?? null,
      action: spec.action ?? "block_ip",
      targetKind: spec.target.kind,
      targetValue: spec.target.value,
      status: spec.status,
      reason: "test",
      connector: "feed",
      confidence: 0.9,
      blastRadiusCount: 1,
      createdAt: spec.createdAt,
      activatedAt: spec.activatedAt,
      expiresAt: plus(spec.activatedAt, 4 * 3600),
      endedAt: spec.endedAt ?? null,
      releasedByName: spec.status === "RELEASED" ? "Sam Okafor" : null,
      releaseReason: spec.status === "RELEASED" ? "our own scanner" : null,
    },
  });
}

function escalation(decisionId: string, spec: { createdAt: Date; status: "OPEN" | "APPROVED" | "REJECTED" | "SUPERSEDED"; resolvedAt?: Date; resolution?: string; resolvedById?: string; resolvedByName?: string }) {
  return db().escalation.create({
    data: {
      decisionId,
      status: spec.status,
      recommendation: {} as Prisma.InputJsonValue,
      slaDueAt: plus(spec.createdAt, 30 * 60),
      createdAt: spec.createdAt,
      resolvedAt: spec.resolvedAt ?? null,
      resolution: spec.resolution ?? null,
      resolvedById: spec.resolvedById ?? null,
      resolvedByName: spec.resolvedByName ?? null,
    },
  });
}

const ip = (value: string) => ({ kind: "ip" as const, value });
const account = (value: string) => ({ kind: "account" as const, value });

beforeAll(async () => {
  const user = (email: string, role: "SOC" | "VIEWER") => db().user.create({ data: { email, name: email.split("@")[0]!, role } });
  socId = (await user("sam@corp.example", "SOC")).id;
  viewerId = (await user("vic@corp.example", "VIEWER")).id;

  // Outside the window (Sunday before it): never counted.
  const a0 = await decision({ at: t("2026-11-08T23:59:00"), verdict: "execute", playbookKey: "brute-force-ip", action: "block_ip", target: ip("198.51.100.1"), assetClass: "external-ip" });
  await containment({ decisionId: a0.id, playbookKey: "brute-force-ip", target: ip("198.51.100.1"), createdAt: plus(a0.createdAt, 0), activatedAt: plus(a0.createdAt, -10), status: "EXPIRED", endedAt: t("2026-11-09T04:00:00") });

  // Week of 2026-11-16.
  const a1 = await decision({ at: t("2026-11-17T10:00:00"), verdict: "execute", playbookKey: "brute-force-ip", action: "block_ip", target: ip("203.0.113.1"), assetClass: "external-ip" });
  await containment({ decisionId: a1.id, playbookKey: "brute-force-ip", target: ip("203.0.113.1"), createdAt: a1.createdAt, activatedAt: t("2026-11-17T10:00:20"), status: "EXPIRED", endedAt: t("2026-11-17T14:00:20") });
  const a2 = await decision({ at: t("2026-11-17T11:00:00"), verdict: "execute", playbookKey: "brute-force-ip", action: "block_ip", target: ip("203.0.113.2"), assetClass: "external-ip" });
  await containment({ decisionId: a2.id, playbookKey: "brute-force-ip", target: ip("203.0.113.2"), createdAt: a2.createdAt, activatedAt: t("2026-11-17T11:00:40"), status: "RELEASED", endedAt: t("2026-11-17T13:00:40") });
  // Escalated, approved in time, contained 600 s after the alert, released six days later.
  const a3 = await decision({ at: t("2026-11-18T09:00:00"), verdict: "escalate", playbookKey: "malware-host", action: "isolate_host", target: { kind: "host", value: "ws-1" }, assetClass: "workstation" });
  await escalation(a3.id, { createdAt: a3.createdAt, status: "APPROVED", resolvedAt: t("2026-11-18T09:10:00"), resolvedById: socId });
  await containment({ decisionId: a3.id, playbookKey: "malware-host", action: "isolate_host", target: { kind: "host", value: "ws-1" }, createdAt: t("2026-11-18T09:10:00"), activatedAt: t("2026-11-18T09:10:00"), status: "RELEASED", endedAt: t("2026-11-24T09:10:00") });
  await decision({ at: t("2026-11-19T08:00:00"), verdict: "suppress", playbookKey: "brute-force-ip", action: "block_ip", target: ip("10.0.0.5"), assetClass: "internal-ip", reason: "Investigation hold on 10.0.0.5 by Sam: 'watching' — containment suppressed" });

  // Week of 2026-11-23.
  const a5 = await decision({ at: t("2026-11-23T10:00:00"), verdict: "escalate", playbookKey: "compromised-account", action: "revoke_sessions", target: account("a@corp.example"), assetClass: "human-account" });
  await escalation(a5.id, { createdAt: a5.createdAt, status: "REJECTED", resolvedAt: t("2026-11-23T11:00:00"), resolution: "Travelling; confirmed by phone", resolvedById: socId, resolvedByName: "Sam Okafor" });
  const a6 = await decision({ at: t("2026-11-24T10:00:00"), verdict: "escalate", playbookKey: "compromised-account", action: "disable_account", target: account("svc-x"), assetClass: "service-account" });
  await escalation(a6.id, { createdAt: a6.createdAt, status: "OPEN" });
  const a12 = await decision({ at: t("2026-11-24T12:00:00"), verdict: "escalate", playbookKey: "brute-force-ip", action: "block_ip", target: ip("203.0.113.9"), assetClass: "external-ip" });
  await escalation(a12.id, { createdAt: a12.createdAt, status: "SUPERSEDED", resolvedAt: t("2026-11-24T13:00:00"), resolution: "target released meanwhile" });
  await decision({ at: t("2026-11-25T10:00:00"), verdict: "forbid", playbookKey: "malware-host", action: "isolate_host", target: { kind: "host", value: "db-1" }, assetClass: "crown-jewel", reason: "Policy v1 forbids Isolate host on crown-jewel" });
  await decision({ at: t("2026-11-25T12:00:00"), verdict: "shadow", playbookKey: "compromised-account", action: "revoke_sessions", target: account("b@corp.example"), assetClass: "human-account", confidence: 0.9, wouldHave: "execute" });
  await decision({ at: t("2026-11-26T13:00:00"), verdict: "shadow", playbookKey: "compromised-account", action: "revoke_sessions", target: account("c@corp.example"), assetClass: "human-account", confidence: 0.6, wouldHave: "escalate" });
  const a11 = await decision({ at: t("2026-11-26T14:00:00"), verdict: "execute", playbookKey: "brute-force-ip", action: "block_ip", target: ip("203.0.113.3"), assetClass: "external-ip" });
  await containment({ decisionId: a11.id, playbookKey: "brute-force-ip", target: ip("203.0.113.3"), createdAt: a11.createdAt, activatedAt: t("2026-11-26T14:00:10"), status: "ACTIVE" });
  // Two containments of b@corp.example without a decision behind them (no playbook, no asset class).
  await containment({ action: "revoke_sessions", target: account("b@corp.example"), createdAt: t("2026-11-24T08:00:00"), activatedAt: t("2026-11-24T08:00:00"), status: "RELEASED", endedAt: t("2026-11-24T08:30:00") });
  await containment({ action: "revoke_sessions", target: account("b@corp.example"), createdAt: t("2026-11-26T08:00:00"), activatedAt: t("2026-11-26T08:00:00"), status: "RELEASED", endedAt: t("2026-11-26T09:00:00") });

  const hold = (kind: "INVESTIGATION" | "RELEASE_HOLDOFF", expiresAt: Date, liftedAt: Date | null = null) =>
    db().investigationHold.create({ data: { kind, selectorKind: "ip", selectorValue: "10.0.0.5", reason: "watching", placedById: socId, placedByName: "Sam", expiresAt, liftedAt } });
  await hold("INVESTIGATION", t("2026-11-28T00:00:00"));
  await hold("INVESTIGATION", t("2026-11-28T00:00:00"), t("2026-11-26T00:00:00"));
  await hold("INVESTIGATION", t("2026-11-27T11:59:00"));
  await hold("RELEASE_HOLDOFF", t("2026-11-28T00:00:00"));
});

describe("accountability dashboard on a known history", () => {
  it("measures alert → containment and containment → release (mean, p90 as percentile_cont)", async () => {
    const { dashboard: d, window } = await loadDashboard(db(), { now: NOW, weeks: 3 });
    expect(window.from).toEqual(t("2026-11-09T00:00:00"));
    // Alert → containment: 20, 40, 600 (approved escalation), 10 s. Mean 167.5; p90 rank 2.7 → 40 + 0.7 × 560 = 432.
    expect(d.toContain.count).toBe(4);
    expect(d.toContain.meanSeconds).toBeCloseTo(167.5, 6);
    expect(d.toContain.p90Seconds).toBeCloseTo(432, 6);
    // Releases: 1800, 3600, 7200, 518400 s. Mean 132750; p90 rank 2.7 → 7200 + 0.7 × 511200 = 365040.
    expect(d.toRelease.count).toBe(4);
    expect(d.toRelease.meanSeconds).toBeCloseTo(132_750, 6);
    expect(d.toRelease.p90Seconds).toBeCloseTo(365_040, 6);
  });

  it("shares alerts out by verdict", async () => {
    const { dashboard: d } = await loadDashboard(db(), { now: NOW, weeks: 3 });
    expect(d.decisions).toBe(11);
    expect(d.verdicts.map((v) => [v.verdict, v.count])).toEqual([
      ["execute", 3],
      ["escalate", 4],
      ["suppress", 1],
      ["forbid", 1],
      ["shadow", 2],
    ]);
    expect(d.verdicts[0]!.share).toBeCloseTo(3 / 11, 10);
  });

  it("counts escalations past their SLA: overdue or answered late, never superseded", async () => {
    const { dashboard: d } = await loadDashboard(db(), { now: NOW, weeks: 3 });
    expect(d.escalations).toEqual({ total: 4, pastSla: 2, openOverdue: 1, answeredLate: 1, rejected: 1 });
  });

  it("computes release rates per playbook, containments per asset class, top released targets and open holds", async () => {
    const { dashboard: d } = await loadDashboard(db(), { now: NOW, weeks: 3 });
    expect(d.releaseRates).toEqual([
      { playbookKey: "(none)", contained: 2, released: 2, expired: 0, releaseRate: 1 },
      { playbookKey: "malware-host", contained: 1, released: 1, expired: 0, releaseRate: 1 },
      { playbookKey: "brute-force-ip", contained: 3, released: 1, expired: 1, releaseRate: 1 / 3 },
    ]);
    expect(d.assetClasses.map((c) => [c.assetClass, c.count])).toEqual([
      ["external-ip", 3],
      ["(unknown)", 2],
      ["workstation", 1],
    ]);
    expect(d.assetClasses[0]!.share).toBe(0.5);
    expect(d.topReleased).toEqual([
      { target: account("b@corp.example"), releases: 2, lastReleasedAt: t("2026-11-26T09:00:00") },
      { target: { kind: "host", value: "ws-1" }, releases: 1, lastReleasedAt: t("2026-11-24T09:10:00") },
      { target: ip("203.0.113.2"), releases: 1, lastReleasedAt: t("2026-11-17T13:00:40") },
    ]);
    expect(d.holdsOpen).toBe(1);
  });

  it("buckets the trend by ISO week, quiet weeks included", async () => {
    const { dashboard: d } = await loadDashboard(db(), { now: NOW, weeks: 3 });
    expect(d.weeks.map((w) => w.week)).toEqual(["2026-11-09", "2026-11-16", "2026-11-23"]);
    expect(d.weeks[0]).toMatchObject({ decisions: { execute: 0, escalate: 0, suppress: 0, forbid: 0, shadow: 0 }, containments: 0, releases: 0, escalations: 0, containMeanSeconds: null });
    expect(d.weeks[1]).toMatchObject({ decisions: { execute: 2, escalate: 1, suppress: 1, forbid: 0, shadow: 0 }, containments: 3, releases: 1, escalations: 1, pastSla: 0, releaseMeanSeconds: 7200 });
    // 20, 40, 600 s: mean 220, p90 rank 1.8 → 40 + 0.8 × 560 = 488.
    expect(d.weeks[1]!.containMeanSeconds).toBeCloseTo(220, 6);
    expect(d.weeks[1]!.containP90Seconds).toBeCloseTo(488, 6);
    expect(d.weeks[2]).toMatchObject({ decisions: { execute: 1, escalate: 3, suppress: 0, forbid: 1, shadow: 2 }, containments: 3, releases: 3, escalations: 3, pastSla: 2, containMeanSeconds: 10, containP90Seconds: 10 });
    // 1800, 3600, 518400 s.
    expect(d.weeks[2]!.releaseMeanSeconds).toBeCloseTo(174_600, 6);
  });

  it("lists reviewed inaction: rejected escalations with their reasons, suppressed and forbidden decisions", async () => {
    const window = { from: t("2026-11-09T00:00:00"), to: NOW };
    expect(await listRejectedEscalations(db(), window)).toEqual([
      expect.objectContaining({ target: account("a@corp.example"), action: "revoke_sessions", reason: "Travelling; confirmed by phone", rejectedBy: "Sam Okafor", rejectedAt: t("2026-11-23T11:00:00") }),
    ]);
    expect((await listHeldBackDecisions(db(), window)).map((d) => [d.verdict, d.target.value, d.reason])).toEqual([
      ["forbid", "db-1", "Policy v1 forbids Isolate host on crown-jewel"],
      ["suppress", "10.0.0.5", "Investigation hold on 10.0.0.5 by Sam: 'watching' — containment suppressed"],
    ]);
  });
});

describe("shadow rehearsal on the same history", () => {
  it("counts what compromised-account would have done and what was later released", async () => {
    const rehearsal = await loadRehearsal(db(), { playbookKey: "compromised-account", from: t("2026-10-28T12:00:00"), to: NOW });
    // b@corp.example would have been acted on (11-25 12:00) and was released 11-26 09:00: a false positive.
    // The release on 11-24 came before the decision and does not count; c@corp.example would only have escalated.
    expect(rehearsal.cells).toEqual([{ action: "revoke_sessions", assetClass: "human-account", shadowed: 2, wouldHaveActed: 1, falsePositives: 1, medianConfidence: 0.75 }]);
    expect(rehearsal.decisions.map((d) => [d.target.value, d.wouldHaveActed, d.falsePositive?.at ?? null])).toEqual([
      ["c@corp.example", false, null],
      ["b@corp.example", true, t("2026-11-26T09:00:00")],
    ]);
    expect((await loadRehearsal(db(), { playbookKey: "brute-force-ip", from: t("2026-10-28T12:00:00"), to: NOW })).total.shadowed).toBe(0);
  });

  describe("promotion", () => {
    beforeAll(async () => {
      await db().policyVersion.create({ data: { version: 1, status: "ACTIVE", document: demoPolicyDocument() as unknown as Prisma.InputJsonValue, createdById: socId, signedByName: "Camille Ortiz", signedAt: t("2026-11-01T00:00:00") } });
    });
    const actor = () => ({ kind: "USER" as const, id: socId, name: "sam", role: "SOC" });
    const input = { playbookKey: "compromised-account", action: "revoke_sessions" as const, assetClass: "human-account", windowDays: 30 as const };

    async function refusal(promise: Promise<unknown>): Promise<ExpectedError> {
      const error = await promise.then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ExpectedError);
      return error as ExpectedError;
    }

    it("refuses a viewer, a cell that is not in shadow, and a window without evidence", async () => {
      expect((await refusal(promoteShadowCell(db(), { input, userId: viewerId, actor: actor(), now: NOW }))).code).toBe("FORBIDDEN");
      const autonomous = await refusal(promoteShadowCell(db(), { input: { ...input, action: "block_ip", assetClass: "external-ip" }, userId: socId, actor: actor(), now: NOW }));
      expect(autonomous.message).toMatch(/is autonomous in the active policy v1, not shadow/);
      const empty = await refusal(promoteShadowCell(db(), { input: { ...input, windowDays: 7 }, userId: socId, actor: actor(), now: t("2026-12-20T00:00:00") }));
      expect(empty.fieldErrors.windowDays).toBeDefined();
      expect(await db().policyVersion.count()).toBe(1);
    });

    it("proposes a draft with only that cell autonomous, audited with the evidence", async () => {
      const draft = await promoteShadowCell(db(), { input, userId: socId, actor: actor(), now: NOW });
      expect(draft).toMatchObject({ version: 2, status: "DRAFT" });
      const before = demoPolicyDocument();
      const after = draft.document as unknown as typeof before;
      const cell = (doc: typeof before) => doc.rules.find((r) => r.action === "revoke_sessions" && r.assetClass === "human-account")!;
      expect(cell(after)).toEqual({ ...cell(before), mode: "autonomous" });
      const others = (doc: typeof before) => Object.fromEntries(doc.rules.filter((r) => !(r.action === "revoke_sessions" && r.assetClass === "human-account")).map((r) => [`${r.action}/${r.assetClass}`, r]));
      expect(others(after)).toEqual(others(before));
      const event = await db().auditEvent.findFirstOrThrow({ where: { type: "POLICY_CHANGED", policyVersion: 2 } });
      expect(event.summary).toMatch(/^sam created policy draft v2 from v1: promote Revoke sessions on human accounts from shadow to autonomous \(rehearsal of compromised-account over 30 days: would have acted 1 times, 1 later judged false positives, median confidence 0.75\)/);
      expect(event.data).toMatchObject({ change: "draft_created", version: 2, details: { basedOn: 1, promotion: { wouldHaveActed: 1, falsePositives: 1, shadowed: 2, medianConfidence: 0.75 } } });
    });
  });
});
