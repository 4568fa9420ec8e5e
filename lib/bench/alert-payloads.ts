// What the benchmark posts: one brute-force alert per distinct public IPv4 address, in the
// generic format or as a Wazuh rule 5712 alert (the shape of the real sample in
// shared/samples/wazuh/, trimmed to what identifies it). Both reach confidence >= 0.8 with
// no legitimate traffic in the context store, so the demo policy blocks every one of them.

export const BENCH_FORMATS = ["wazuh", "generic", "mixed"] as const;
export type TBenchFormat = (typeof BENCH_FORMATS)[number];
export type TPostedFormat = Exclude<TBenchFormat, "mixed">;

/**
 * The n-th address of a /8 that ipaddr.js calls "unicast" (45/8, 91/8, 185/8 are), skipping
 * .0 and .255 so that no address looks like a network or broadcast address to a person.
 * 254 × 256 × 256 ≈ 16.6 million addresses per /8.
 */
export function publicIpv4(firstOctet: number, n: number): string {
  const perBlock = 254;
  const last = (n % perBlock) + 1;
  const block = Math.floor(n / perBlock);
  if (block >= 256 * 256) throw new Error(`address ${n} is beyond the ${firstOctet}/8 block`);
  return `${firstOctet}.${Math.floor(block / 256)}.${block % 256}.${last}`;
}

/** Address ranges per phase, so that no phase re-alerts a target another one contained. */
export const PHASE_OCTET = { warmup: 185, single: 45, flood: 46, batch: 91, profile: 62 } as const;

const GENERIC_ACCOUNTS = ["root", "admin", "oracle", "ubuntu", "test"];

/** Reflex's generic format: 1 failure reported, 5 accounts tried → confidence 0.848 at severity high. */
export function genericAlert(ip: string, id: string): Record<string, unknown> {
  return {
    source: "reflex-bench",
    id,
    rule: "ssh-bruteforce",
    title: `SSH brute force from ${ip}`,
    severity: "high",
    time: new Date().toISOString(),
    target: { kind: "ip", value: ip },
    entities: GENERIC_ACCOUNTS.map((value) => ({ kind: "account", value, role: "related" })),
  };
}

/** Wazuh rule 5712 (sshd brute force, frequency 8, level 10 → high): confidence 0.83. */
export function wazuhAlert(ip: string, id: string): Record<string, unknown> {
  return {
    timestamp: new Date().toISOString().replace("Z", "+0000"),
    rule: {
      level: 10,
      description: "sshd: brute force trying to get access to the system. Non existent user.",
      id: "5712",
      mitre: { id: ["T1110"], tactic: ["Credential Access"], technique: ["Brute Force"] },
      frequency: 8,
      firedtimes: 1,
      mail: false,
      groups: ["syslog", "sshd", "authentication_failures"],
    },
    agent: { id: "000", name: "bench-manager" },
    manager: { name: "bench-manager" },
    id,
    full_log: `Nov 26 12:29:18 bastion sshd[17584]: Invalid user paco from ${ip} port 56404`,
    predecoder: { program_name: "sshd", timestamp: "Nov 26 12:29:18", hostname: "bastion" },
    decoder: { parent: "sshd", name: "sshd" },
    data: { srcip: ip, srcport: "56404", srcuser: "paco" },
    location: "/var/log/secure",
  };
}

export function alertPayload(format: TPostedFormat, ip: string, id: string): Record<string, unknown> {
  return format === "wazuh" ? wazuhAlert(ip, id) : genericAlert(ip, id);
}

/** "mixed" alternates the two formats request by request. */
export function formatFor(format: TBenchFormat, n: number): TPostedFormat {
  if (format !== "mixed") return format;
  return n % 2 === 0 ? "wazuh" : "generic";
}
