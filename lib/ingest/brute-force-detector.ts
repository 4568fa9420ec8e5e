// Reflex's own SSH brute-force detection over context events of one source IP.
// Rule: at least `threshold` failed logins in the `windowSeconds` ending at `at`
// (both ends inclusive), and no successful login from that IP in the same window: a
// user with several keys in their agent fails a few publickey attempts and then gets in.
import type { TNormalizedAlert, TSeverity } from "@/lib/domain/types";
import type { TContextEvent } from "./context-event";
import { assembleEntities, makeEntity } from "./entities";

export type TAuthAttempt = { occurredAt: Date; account: string | null };

export type TBruteForceInput = {
  failures: TAuthAttempt[];
  successes: TAuthAttempt[];
  threshold: number;
  windowSeconds: number;
  /** The end of the window, usually the time of the newest event. */
  at: Date;
};

export type TBruteForceDetection = {
  /** Failures in the window. */
  failures: number;
  firstAt: Date;
  lastAt: Date;
  /** Distinct accounts tried in the window, most tried first, at most 10. */
  accounts: string[];
  /** A successful login from this IP before the window (none can be inside it). */
  hadSuccess: boolean;
  windowSeconds: number;
};

const MAX_ACCOUNTS = 10;

/** Failed and successful logins among context events (see sshd-message.ts for why only these kinds). */
export function authAttempts(events: TContextEvent[]): { failures: TAuthAttempt[]; successes: TAuthAttempt[] } {
  return {
    failures: events.filter((e) => e.kind === "auth_failure"),
    successes: events.filter((e) => e.kind === "auth_success"),
  };
}

function topAccounts(attempts: TAuthAttempt[]): string[] {
  const counts = new Map<string, number>();
  for (const { account } of attempts) if (account !== null) counts.set(account, (counts.get(account) ?? 0) + 1);
  // Map keeps first-seen order, and sort is stable: ties stay in the order they were tried.
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_ACCOUNTS)
    .map(([account]) => account);
}

export function detectBruteForce(input: TBruteForceInput): TBruteForceDetection | null {
  const end = input.at.getTime();
  const start = end - input.windowSeconds * 1000;
  const inWindow = (a: TAuthAttempt) => a.occurredAt.getTime() >= start && a.occurredAt.getTime() <= end;
  const failures = input.failures.filter(inWindow).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  if (failures.length < Math.max(1, input.threshold)) return null;
  if (input.successes.some(inWindow)) return null;
  const first = failures[0];
  const last = failures[failures.length - 1];
  if (!first || !last) return null;
  return {
    failures: failures.length,
    firstAt: first.occurredAt,
    lastAt: last.occurredAt,
    accounts: topAccounts(failures),
    hadSuccess: input.successes.some((s) => s.occurredAt.getTime() < start),
    windowSeconds: input.windowSeconds,
  };
}

function sizeClass(failures: number): number {
  return 2 ** Math.floor(Math.log2(Math.max(1, failures)));
}

function severityOf(failures: number): TSeverity {
  if (failures < 10) return "low";
  if (failures < 50) return "medium";
  if (failures < 200) return "high";
  return "critical";
}

/**
 * The detection as an alert. Its id is the IP, the window-sized time bucket the burst
 * started in and the burst's size class (failures, rounded down to a power of two): each
 * new failure re-detecting the same burst yields the same id (and dedupes), while a burst
 * that keeps doubling raises a fresh alert, so an attack first escalated at 5 failures is
 * judged again, with more evidence, at 8, 16, 32…; an attack lasting several windows
 * yields alerts per window.
 */
export function detectionToAlert(detection: TBruteForceDetection, ip: string, host: string | null): TNormalizedAlert {
  const bucketMs = Math.max(1, detection.windowSeconds) * 1000;
  const bucket = Math.floor(detection.firstAt.getTime() / bucketMs) * bucketMs;
  const where = host ? ` on ${host}` : "";
  const { entities, target } = assembleEntities(
    [makeEntity("ip", ip, "source")],
    [makeEntity("host", host, "related"), ...detection.accounts.map((a) => makeEntity("account", a, "related"))],
  );
  return {
    format: "reflex-detector",
    source: "reflex-detector",
    externalId: `ssh-bruteforce:${target?.value ?? ip}:${new Date(bucket).toISOString()}:x${sizeClass(detection.failures)}`,
    ruleId: "ssh-bruteforce",
    title: `SSH brute force from ${ip}${where}: ${detection.failures} failed logins in ${detection.windowSeconds} s`,
    severity: severityOf(detection.failures),
    entities,
    target,
    occurredAt: detection.lastAt,
    raw: {
      ip,
      host,
      failures: detection.failures,
      firstAt: detection.firstAt.toISOString(),
      lastAt: detection.lastAt.toISOString(),
      accounts: detection.accounts,
      hadSuccess: detection.hadSuccess,
      windowSeconds: detection.windowSeconds,
    },
  };
}
