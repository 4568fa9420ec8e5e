import { describe, expect, it } from "vitest";
import { authAttempts, detectBruteForce, detectionToAlert, type TAuthAttempt } from "./brute-force-detector";
import { parseSshdLog } from "./sshd";
import { readSharedText } from "./test-samples";

const t0 = Date.parse("2025-06-01T12:00:00Z");
const at = (seconds: number) => new Date(t0 + seconds * 1000);
const attempts = (seconds: number[], account: string | null = "root"): TAuthAttempt[] =>
  seconds.map((s) => ({ occurredAt: at(s), account }));

describe("detectBruteForce", () => {
  const base = { successes: [], threshold: 5, windowSeconds: 60 };

  it("N-1 failures in the window: nothing; N: a detection", () => {
    expect(detectBruteForce({ ...base, failures: attempts([0, 10, 20, 30]), at: at(30) })).toBeNull();
    expect(detectBruteForce({ ...base, failures: attempts([0, 10, 20, 30, 40]), at: at(40) })).toEqual({
      failures: 5,
      firstAt: at(0),
      lastAt: at(40),
      accounts: ["root"],
      hadSuccess: false,
      windowSeconds: 60,
    });
  });

  it("a failure exactly T before `at` is inside the window; one millisecond more is not", () => {
    expect(detectBruteForce({ ...base, failures: attempts([0, 15, 30, 45, 60]), at: at(60) })?.failures).toBe(5);
    expect(detectBruteForce({ ...base, failures: attempts([-0.001, 15, 30, 45, 60]), at: at(60) })).toBeNull();
  });

  it("ignores failures after `at` and accepts unsorted input", () => {
    const failures = attempts([40, 0, 100, 20, 10, 30]);
    expect(detectBruteForce({ ...base, failures, at: at(40) })).toMatchObject({ failures: 5, firstAt: at(0), lastAt: at(40) });
  });

  it("a successful login from the IP in the window means no detection", () => {
    const failures = attempts([0, 10, 20, 30, 40]);
    expect(detectBruteForce({ ...base, failures, successes: attempts([25]), at: at(40) })).toBeNull();
    expect(detectBruteForce({ ...base, failures, successes: attempts([-20]), at: at(40) })).toBeNull();
  });

  it("a success before the window does not stop it, and is reported", () => {
    const failures = attempts([0, 10, 20, 30, 40]);
    expect(detectBruteForce({ ...base, failures, successes: attempts([-21]), at: at(40) })?.hadSuccess).toBe(true);
  });

  it("lists the accounts tried, most tried first, at most ten", () => {
    const names = ["admin", "root", "root", "oracle", "root", "admin", null, ...Array.from({ length: 12 }, (_, i) => `u${i}`)];
    const failures = names.map((account, i) => ({ occurredAt: at(i), account }));
    const detection = detectBruteForce({ ...base, failures, at: at(30) });
    expect(detection?.accounts).toEqual(["root", "admin", "oracle", "u0", "u1", "u2", "u3", "u4", "u5", "u6"]);
  });
});

describe("detectionToAlert", () => {
  const detect = (end: number, failures: number[]) =>
    detectBruteForce({ failures: attempts(failures), successes: [], threshold: 5, windowSeconds: 60, at: at(end) });

  it("builds a reflex-detector alert with the IP as target", () => {
    const detection = detect(40, [0, 10, 20, 30, 40]);
    if (!detection) throw new Error("expected a detection");
    const alert = detectionToAlert(detection, "::ffff:203.0.113.7", "web-01");
    expect(alert).toMatchObject({
      format: "reflex-detector",
      source: "reflex-detector",
      ruleId: "ssh-bruteforce",
      severity: "low",
      externalId: "ssh-bruteforce:203.0.113.7:2025-06-01T12:00:00.000Z:x4",
      target: { kind: "ip", value: "203.0.113.7", role: "target" },
      entities: [
        { kind: "ip", value: "203.0.113.7", role: "target" },
        { kind: "host", value: "web-01", role: "related" },
        { kind: "account", value: "root", role: "related" },
      ],
      occurredAt: at(40),
    });
  });

  it("re-detections of the same burst share the id", () => {
    const first = detect(40, [0, 10, 20, 30, 40]);
    const again = detect(50, [0, 10, 20, 30, 40, 50]);
    if (!first || !again) throw new Error("expected detections");
    expect(detectionToAlert(again, "203.0.113.7", null).externalId).toBe(detectionToAlert(first, "203.0.113.7", null).externalId);
  });

  it("raises a fresh alert each time the same burst doubles", () => {
    const id = (n: number) =>
      detectionToAlert(detectBruteForce({ failures: attempts(Array.from({ length: n }, (_, i) => i * 0.1)), successes: [], threshold: 5, windowSeconds: 600, at: at(100) })!, "203.0.113.7", null).externalId;
    expect(id(5)).toBe(id(7));
    expect(id(8)).not.toBe(id(7));
    expect(id(8)).toBe(id(15));
    expect(id(16)).not.toBe(id(15));
  });

  it("grades severity by the number of failures", () => {
    const many = (n: number) => detectBruteForce({ failures: attempts(Array.from({ length: n }, (_, i) => i * 0.1)), successes: [], threshold: 5, windowSeconds: 600, at: at(100) });
    expect([5, 10, 50, 200].map((n) => detectionToAlert(many(n)!, "203.0.113.7", null).severity)).toEqual(["low", "medium", "high", "critical"]);
  });
});

describe("replaying OpenSSH_2k.log", () => {
  const { events } = parseSshdLog(readSharedText("datasets/loghub/OpenSSH_2k.log"), { reference: new Date("2025-06-01T00:00:00Z") });
  const fromIp = (ip: string) => authAttempts(events.filter((e) => e.sourceIp === ip));

  it("detects 183.62.140.253 and not the legitimate login from 119.137.62.142", () => {
    const attacker = fromIp("183.62.140.253");
    const last = attacker.failures.at(-1);
    if (!last) throw new Error("expected failures");
    const detection = detectBruteForce({ ...attacker, threshold: 5, windowSeconds: 300, at: last.occurredAt });
    expect(detection).toMatchObject({ hadSuccess: false });
    expect(detection?.failures).toBeGreaterThanOrEqual(5);
    expect(detection?.accounts[0]).toBe("root");

    const user = fromIp("119.137.62.142");
    expect(user.successes).toHaveLength(1);
    expect(detectBruteForce({ ...user, threshold: 1, windowSeconds: 300, at: user.successes[0]!.occurredAt })).toBeNull();
  });
});
