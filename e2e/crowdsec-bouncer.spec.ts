import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_PORT } from "./e2e-env";
import { createToken, query, wazuhBruteForce } from "./fixtures";

// The real thing: Debian's crowdsec-custom-bouncer (unmodified, its own Go CrowdSec
// client) pointed at Reflex's CrowdSec-compatible API. An alert contains an address, the
// bouncer runs its script with `add <ip>`; the containment is released, it runs `del <ip>`;
// the address is contained again, `add <ip>` again. docs/ENFORCEMENT.md has the setup.

const BOUNCER_BIN = process.env.CROWDSEC_CUSTOM_BOUNCER ?? "/usr/bin/crowdsec-custom-bouncer";
const INSTALL_HINT =
  `${BOUNCER_BIN} is missing: this test runs the real CrowdSec bouncer. Install it with ` +
  "`apt-get install -y --no-install-recommends crowdsec-custom-bouncer` (Debian bookworm; " +
  "without --no-install-recommends apt also pulls the crowdsec agent, whose setup fails offline), " +
  "or point CROWDSEC_CUSTOM_BOUNCER at the binary.";

type TBouncer = { child: ChildProcess; dir: string; decisionsLog: string; decisionsJson: string; output: () => string };

/** Writes a config and a script that records each call, and starts the bouncer on them. */
function startBouncer(apiKey: string): TBouncer {
  const dir = mkdtempSync(path.join(tmpdir(), "reflex-crowdsec-bouncer-"));
  const decisionsLog = path.join(dir, "decisions.log");
  const decisionsJson = path.join(dir, "decisions.jsonl");
  const script = path.join(dir, "reflex-block.sh");
  writeFileSync(decisionsLog, "");
  writeFileSync(decisionsJson, "");
  // Called as: reflex-block.sh add|del <value> <seconds> <scenario> <decision json>
  writeFileSync(
    script,
    ["#!/bin/sh", `printf '%s %s %s %s\\n' "$1" "$2" "$3" "$4" >> '${decisionsLog}'`, `printf '%s\\n' "$5" >> '${decisionsJson}'`, ""].join("\n"),
  );
  chmodSync(script, 0o755);
  const config = path.join(dir, "crowdsec-custom-bouncer.yaml");
  // The verified setup of docs/ENFORCEMENT.md, with everything the bouncer writes kept in `dir`.
  writeFileSync(
    config,
    [
      `bin_path: ${script}`,
      "feed_via_stdin: false",
      "total_retries: 0",
      "scenarios_containing: []",
      "scenarios_not_containing: []",
      "origins: []",
      `piddir: ${dir}/`,
      "update_frequency: 1s",
      // The bouncer skips an `add` of a value it ran `add` for within this window: keep it
      // no longer than update_frequency, or a re-containment right after a release is lost.
      "cache_retention_duration: 1s",
      "daemonize: false",
      "log_mode: file",
      `log_dir: ${dir}/`,
      "log_level: info",
      `api_url: http://127.0.0.1:${E2E_PORT}/api/crowdsec/`,
      `api_key: ${apiKey}`,
      "prometheus:",
      "  enabled: false",
      "  listen_addr: 127.0.0.1",
      "  listen_port: 60602",
      "",
    ].join("\n"),
  );
  let captured = "";
  const child = spawn(BOUNCER_BIN, ["-c", config], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (chunk: Buffer) => (captured += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (captured += chunk.toString()));
  child.on("error", (error) => (captured += `\n[bouncer could not start: ${error.message}]\n`));
  child.on("exit", (code, signal) => (captured += `\n[bouncer exited: code ${code}, signal ${signal}]\n`));
  const output = () => {
    const logFile = path.join(dir, "crowdsec-custom-bouncer.log");
    return `${captured}${existsSync(logFile) ? readFileSync(logFile, "utf8") : ""}`;
  };
  return { child, dir, decisionsLog, decisionsJson, output };
}

async function stopBouncer(bouncer: TBouncer): Promise<void> {
  const { child } = bouncer;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(bouncer.dir, { recursive: true, force: true });
}

const lines = (file: string) => readFileSync(file, "utf8").split("\n").filter((line) => line !== "");

type TCall = { action: string; value: string; seconds: number; scenario: string };

/** The script's calls about `value` (the e2e server may hold other specs' containments too). */
function callsFor(bouncer: TBouncer, value: string): TCall[] {
  return lines(bouncer.decisionsLog)
    .map((line) => line.split(" "))
    .filter(([, v]) => v === value)
    .map(([action, v, seconds, scenario]) => ({ action: action!, value: v!, seconds: Number(seconds), scenario: scenario! }));
}

const actionsFor = (bouncer: TBouncer, value: string) => callsFor(bouncer, value).map((c) => `${c.action} ${c.value}`);

test.describe("an unmodified CrowdSec bouncer enforces Reflex's containments", () => {
  let bouncer: TBouncer | null = null;

  test.afterAll(async () => {
    if (bouncer) await stopBouncer(bouncer);
    bouncer = null;
  });

  test("crowdsec-custom-bouncer adds a contained address, then deletes it when it is released", async ({ request }) => {
    expect(existsSync(BOUNCER_BIN), INSTALL_HINT).toBe(true);

    // A fresh address per attempt: a retry must not find the previous attempt's containment.
    const ip = `91.240.118.${230 + test.info().retry}`;
    const stamp = Date.now();
    const bouncerName = `e2e-crowdsec-custom-bouncer-${stamp}`;
    const apiKey = createToken(bouncerName, "bouncer");
    const ingest = createToken(`e2e-ingest-bouncer-${stamp}`, "ingest");
    const admin = createToken(`e2e-admin-bouncer-${stamp}`, "admin");
    const contain = async (alertId: string): Promise<string> => {
      const sent = await request.post("/api/v1/alerts", { data: wazuhBruteForce(ip, alertId), headers: { authorization: `Bearer ${ingest}` } });
      expect(sent.status()).toBe(200);
      const outcome = (await sent.json()).alerts[0];
      expect(outcome).toMatchObject({ verdict: "execute", containmentId: expect.any(String) });
      return outcome.containmentId as string;
    };
    const release = async (containmentId: string) => {
      const released = await request.post(`/api/v1/containments/${containmentId}/release`, {
        data: { reason: "e2e: the CrowdSec bouncer round trip is done" },
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(released.status()).toBe(200);
    };

    bouncer = startBouncer(apiKey);
    const b = bouncer;
    try {
      // It has connected (its startup pull) before the address is contained, so the block
      // reaches it as a delta, the way it does in production.
      await expect
        .poll(
          async () => {
            const rows = await query<{ pulls: number }>(
              `SELECT p.pulls FROM "EnforcementPoint" p JOIN "ApiToken" t ON t.id = p."tokenId" WHERE t.name = $1`,
              [bouncerName],
            );
            return rows[0]?.pulls ?? 0;
          },
          { message: "the bouncer never pulled from Reflex", timeout: 20_000 },
        )
        .toBeGreaterThanOrEqual(1);
      expect(callsFor(b, ip), `${ip} is not contained yet`).toEqual([]);

      const first = await contain(`e2e-bouncer-${stamp}`);
      await expect.poll(() => actionsFor(b, ip), { message: `the bouncer never ran "add ${ip}"`, timeout: 20_000 }).toEqual([`add ${ip}`]);
      const [added] = callsFor(b, ip);
      expect(added!.scenario).toMatch(/^reflex\/\S+$/);
      expect(added!.seconds, "the ban lasts as long as the containment has left").toBeGreaterThan(60);
      const decision = lines(b.decisionsJson)
        .map((line) => JSON.parse(line) as { value?: string })
        .find((d) => d.value === ip);
      expect(decision).toMatchObject({ value: ip, scope: "Ip", type: "ban", origin: "reflex", duration: expect.stringMatching(/^\d+h\d+m\d+s$/) });

      await release(first);
      await expect
        .poll(() => actionsFor(b, ip), { message: `the bouncer never ran "del ${ip}"`, timeout: 20_000 })
        .toEqual([`add ${ip}`, `del ${ip}`]);
      expect(callsFor(b, ip)[1]!.seconds, "a deleted decision has no time left").toBeLessThan(0);

      // The attacker comes back: contained again, blocked again (within seconds of the
      // release: the bouncer's decision cache must not swallow the second add).
      const second = await contain(`e2e-bouncer-again-${stamp}`);
      await expect
        .poll(() => actionsFor(b, ip), { message: `the bouncer never ran "add ${ip}" again after the re-containment`, timeout: 20_000 })
        .toEqual([`add ${ip}`, `del ${ip}`, `add ${ip}`]);

      await release(second);
      await expect
        .poll(() => actionsFor(b, ip), { message: `the bouncer never ran the second "del ${ip}"`, timeout: 20_000 })
        .toEqual([`add ${ip}`, `del ${ip}`, `add ${ip}`, `del ${ip}`]);
      expect(b.child.exitCode, "the bouncer is still running").toBeNull();
    } catch (error) {
      // What the bouncer itself said (its log file and output) explains most failures.
      await test.info().attach("crowdsec-custom-bouncer output", { body: b.output(), contentType: "text/plain" });
      if (error instanceof Error) error.message += `\n\ncrowdsec-custom-bouncer output:\n${b.output()}`;
      throw error;
    } finally {
      await stopBouncer(b);
      bouncer = null;
    }
  });
});
