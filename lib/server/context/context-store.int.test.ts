import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, db } from "@/lib/db/client";
import { authAttempts, detectBruteForce, detectionToAlert } from "@/lib/ingest/brute-force-detector";
import { parseSshdLog } from "@/lib/ingest/sshd";
import { bruteForceIp } from "@/lib/playbooks/brute-force-ip";
import type { TContextQuestion } from "@/lib/playbooks/context-questions";
import { answerQuestions } from "@/tests/helpers/context";
import { insertContextEvents } from "./context-store";

// The loghub OpenSSH log (December 2015) replayed into the store: one accepted login from
// 119.137.62.142 at 09:32:20, and 286 failed logins from 183.62.140.253 between 10:54:29
// and 11:04:43, all on host labsz.
const LOG = path.resolve(import.meta.dirname, "../../../../shared/datasets/loghub/OpenSSH_2k.log");
const { events } = parseSshdLog(fs.readFileSync(LOG, "utf8"), { reference: new Date("2016-01-01T00:00:00Z") });

const ATTACK_END = new Date("2015-12-10T11:04:43Z");
const ACCEPTED = new Date("2015-12-10T09:32:20Z");
const hours = (n: number) => n * 3600_000;
const before = (end: Date, ms: number) => ({ since: new Date(end.getTime() - ms), until: end });

async function ask(question: TContextQuestion) {
  const answers = await answerQuestions(db(), [question]);
  return answers[question.id];
}

beforeAll(async () => {
  expect(await insertContextEvents(db(), events)).toBe(events.length);
});

describe("context store on the loghub sshd log", () => {
  it("finds the accepted login from 119.137.62.142, with account, host and time", async () => {
    const answer = await ask({ id: "q", kind: "ip_successful_logins", ip: "119.137.62.142", ...before(ATTACK_END, hours(24)), exampleLimit: 10 });
    expect(answer).toEqual({
      kind: "ip_successful_logins",
      count: 1,
      examples: [{ account: "fztu", host: "labsz", at: ACCEPTED, message: "Accepted password for fztu from 119.137.62.142 port 49116 ssh2" }],
    });
  });

  it("finds no successful login from 183.62.140.253", async () => {
    const answer = await ask({ id: "q", kind: "ip_successful_logins", ip: "183.62.140.253", ...before(ATTACK_END, hours(24)), exampleLimit: 10 });
    expect(answer).toEqual({ kind: "ip_successful_logins", count: 0, examples: [] });
  });

  it("counts the failed logins from 183.62.140.253 in a window, as the detector does", async () => {
    const tenMinutes = await ask({ id: "q", kind: "ip_failed_logins", ip: "183.62.140.253", ...before(ATTACK_END, 600_000) });
    const attempts = authAttempts(events.filter((e) => e.sourceIp === "183.62.140.253"));
    const detection = detectBruteForce({ ...attempts, threshold: 5, windowSeconds: 600, at: ATTACK_END });
    expect(tenMinutes).toMatchObject({ kind: "ip_failed_logins", count: detection?.failures, firstAt: new Date("2015-12-10T10:54:43Z"), lastAt: ATTACK_END });
    const wholeAttack = await ask({ id: "q", kind: "ip_failed_logins", ip: "183.62.140.253", ...before(ATTACK_END, hours(1)) });
    const failures = events.filter((e) => e.sourceIp === "183.62.140.253" && e.kind === "auth_failure");
    expect(wholeAttack).toMatchObject({
      count: 286,
      distinctAccounts: new Set(failures.map((e) => e.account).filter((a) => a !== null)).size,
      firstAt: new Date("2015-12-10T10:54:29Z"),
    });
    if (wholeAttack?.kind !== "ip_failed_logins") throw new Error("wrong answer kind");
    expect(wholeAttack.topAccounts[0]).toBe("root");
  });

  it("counts the same whatever the session's time zone (the column has none)", async () => {
    const question: TContextQuestion = { id: "q", kind: "ip_failed_logins", ip: "183.62.140.253", ...before(ATTACK_END, 600_000) };
    const utc = await answerQuestions(db(), [question]);
    const elsewhere = await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL TIME ZONE 'Asia/Shanghai'`);
      return answerQuestions(tx, [question]);
    });
    expect(elsewhere).toEqual(utc);
  });

  it("windows are in event time, both ends inclusive", async () => {
    const count = async (since: Date, until: Date) => {
      const answer = await ask({ id: "q", kind: "ip_successful_logins", ip: "119.137.62.142", since, until, exampleLimit: 0 });
      return answer?.kind === "ip_successful_logins" ? answer.count : -1;
    };
    const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);
    expect(await count(ACCEPTED, ACCEPTED)).toBe(1);
    expect(await count(ms(ACCEPTED, -hours(24)), ms(ACCEPTED, -1000))).toBe(0); // the window ends just before
    expect(await count(ms(ACCEPTED, 1000), ms(ACCEPTED, hours(24)))).toBe(0); // it starts just after
    // An alert exactly 24 h later still sees it; one second later it is out of the window.
    expect(await count(...Object.values(before(ms(ACCEPTED, hours(24)), hours(24))) as [Date, Date])).toBe(1);
    expect(await count(...Object.values(before(ms(ACCEPTED, hours(24) + 1000), hours(24))) as [Date, Date])).toBe(0);
    // Today's wall clock plays no part: the 2015 login is found relative to 2015.
    expect(await count(...Object.values(before(new Date(), hours(24))) as [Date, Date])).toBe(0);
  });

  it("lists the hosts and accounts an IP had sessions with, an account's logins and a host's accounts", async () => {
    const answers = await answerQuestions(db(), [
      { id: "sessions", kind: "ip_sessions", ip: "119.137.62.142", ...before(ATTACK_END, hours(24)) },
      { id: "none", kind: "ip_sessions", ip: "183.62.140.253", ...before(ATTACK_END, hours(24)) },
      { id: "account", kind: "account_logins", account: "fztu", ...before(ATTACK_END, hours(24)) },
      { id: "host", kind: "host_accounts", host: "labsz", ...before(ATTACK_END, hours(24)) },
    ]);
    const tally = (value: string) => ({ value, count: 1, lastAt: ACCEPTED });
    expect(answers).toEqual({
      sessions: { kind: "ip_sessions", hosts: [tally("labsz")], accounts: [tally("fztu")], truncated: false },
      none: { kind: "ip_sessions", hosts: [], accounts: [], truncated: false },
      account: { kind: "account_logins", count: 1, hosts: [tally("labsz")], sourceIps: [tally("119.137.62.142")], truncated: false },
      // Failed attempts against root, oracle… are not accounts "on" the host.
      host: { kind: "host_accounts", count: 1, accounts: [tally("fztu")], truncated: false },
    });
  });

  it("answers the brute-force-ip playbook: the real attack is clear, the accepted login conflicting", async () => {
    const attempts = authAttempts(events.filter((e) => e.sourceIp === "183.62.140.253"));
    const detection = detectBruteForce({ ...attempts, threshold: 5, windowSeconds: 600, at: ATTACK_END });
    if (!detection) throw new Error("the detector should fire on the loghub attack");
    const attack = detectionToAlert(detection, "183.62.140.253", "labsz");
    const params = bruteForceIp.defaultParams;
    const proposal = bruteForceIp.propose({
      alert: attack,
      params,
      version: 1,
      answers: await answerQuestions(db(), bruteForceIp.questions(attack, params)),
      registrations: [],
    });
    expect(proposal.context).toEqual({
      status: "clear",
      summary: "No legitimate traffic from 183.62.140.253 in the 24 h before the alert (279 failed logins in 10 min)",
    });
    expect(proposal.confidence).toBeGreaterThanOrEqual(0.95);
    expect(proposal.blastRadius).toEqual({ count: 0, items: [] });

    const suspect = { ...attack, target: { kind: "ip" as const, value: "119.137.62.142", role: "target" as const } };
    const conflicting = bruteForceIp.propose({
      alert: suspect,
      params,
      version: 1,
      answers: await answerQuestions(db(), bruteForceIp.questions(suspect, params)),
      registrations: [],
    });
    expect(conflicting.context).toMatchObject({
      status: "conflicting",
      evidence: ["accepted password for fztu from 119.137.62.142 on labsz at 2015-12-10T09:32:20Z"],
    });
    expect(conflicting.blastRadius).toEqual({ count: 2, items: ["host labsz", "account fztu"] });
  });

  it("inserts inside the caller's transaction, so a rollback takes the events with it", async () => {
    const marker = { ...events[0]!, sourceIp: "198.51.100.200", message: "rollback probe" };
    await expect(
      db().$transaction(async (tx) => {
        expect(await insertContextEvents(tx, [marker, marker])).toBe(2);
        expect(await tx.contextEvent.count({ where: { sourceIp: "198.51.100.200" } })).toBe(2);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await db().contextEvent.count({ where: { sourceIp: "198.51.100.200" } })).toBe(0);
    expect(await insertContextEvents(db(), [])).toBe(0);
  });

  it("throws when the store cannot be reached, for the pipeline to apply the fail mode", async () => {
    const unreachable = createPrismaClient("postgresql://reflex@127.0.0.1:1/none");
    try {
      await expect(
        answerQuestions(unreachable, [{ id: "q", kind: "ip_failed_logins", ip: "183.62.140.253", ...before(ATTACK_END, 600_000) }]),
      ).rejects.toThrow();
    } finally {
      await unreachable.$disconnect();
    }
  });

  it("refuses two questions with one id", async () => {
    const q: TContextQuestion = { id: "dup", kind: "host_accounts", host: "labsz", ...before(ATTACK_END, hours(1)) };
    await expect(answerQuestions(db(), [q, q])).rejects.toThrow(/share the id "dup"/);
  });
});
