import type { TDb } from "@/lib/db/client";
import { parseAlertPayload } from "@/lib/ingest/parse-alerts";
import { recordingJobSender } from "@/lib/jobs/queues";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { expireDueContainments } from "@/lib/server/containments/expire-containments";
import { ingestAlerts } from "@/lib/server/pipeline/ingest-alerts";
import { decideAlerts } from "@/lib/server/pipeline/decide-alerts";

// Thirty days of demo traffic, so that a policy backtest has something to show: SSH brute
// forces from public and private addresses, compromised accounts and malware on hosts,
// sent through the real pipeline (parse → ingest → observe → assess → decide → act) under
// the demo policy v1. Some are blocked on their own, most escalate, human-account
// revocations are shadowed.
//
// Each alert is decided with the clock set shortly after it happened (decideAlerts takes
// a clock; acceptAlerts, which serves live traffic, does not), then the expiry sweep lifts every
// block whose TTL has run out since. So the demo starts with this history and no live
// block from it: feeds and bouncers begin empty. Audit events carry the time they were written (the seed's), which is what an
// append-only log must do.

const DAY = 86_400_000;

type TAlertSpec = { payload: Record<string, unknown>; at: Date };

/** A Wazuh sshd brute force (rule 5712, level 10), shaped like the manager's alerts.json line. */
function wazuhBruteForce(n: number, at: Date, srcip: string, frequency: number, user: string): unknown {
  return {
    timestamp: at.toISOString(),
    rule: { level: 10, description: "sshd: brute force trying to get access to the system. Non existent user.", id: "5712", frequency, firedtimes: 1, groups: ["syslog", "sshd", "authentication_failures"], mitre: { id: ["T1110"], tactic: ["Credential Access"], technique: ["Brute Force"] } },
    agent: { id: "003", name: "bastion-01" },
    manager: { name: "wazuh-manager" },
    id: `demo-history-${n}`,
    full_log: `sshd[${20_000 + n}]: Invalid user ${user} from ${srcip} port ${40_000 + n}`,
    decoder: { parent: "sshd", name: "sshd" },
    data: { srcip, srcport: String(40_000 + n), srcuser: user },
    location: "/var/log/auth.log",
  };
}

function compromisedAccount(n: number, at: Date, account: string, severity: "high" | "critical", from: string, title: string): unknown {
  return { source: "okta", id: `demo-history-${n}`, rule: "impossible-travel", title, severity, time: at.toISOString(), target: { kind: "account", value: account }, entities: [{ kind: "ip", value: from, role: "source" }] };
}

function malwareHost(n: number, at: Date, host: string, title: string, severity: "medium" | "high" | "critical"): unknown {
  return { source: "edr", id: `demo-history-${n}`, rule: "malware-detected", title, severity, time: at.toISOString(), target: { kind: "host", value: host } };
}

type TMaker = (n: number, at: Date) => unknown;

// Public sources: the frequency (failures the rule saw) sets the playbook's confidence;
// the demo policy blocks external IPs on their own from 0.8 (frequency 7 and up).
const ALERTS: TMaker[] = [
  (n, at) => wazuhBruteForce(n, at, "61.177.172.136", 12, "root"),
  (n, at) => compromisedAccount(n, at, "j.doe@corp.example", "critical", "103.151.125.9", "Impossible travel: j.doe@corp.example signed in from Lisbon and Jakarta 38 minutes apart"),
  (n, at) => wazuhBruteForce(n, at, "10.30.4.17", 20, "admin"),
  (n, at) => malwareHost(n, at, "ws-fin-023.corp.example", "Trojan:Win32/AgentTesla detected on ws-fin-023", "high"),
  (n, at) => wazuhBruteForce(n, at, "218.92.0.212", 8, "oracle"),
  (n, at) => wazuhBruteForce(n, at, "185.220.101.47", 6, "test"),
  (n, at) => compromisedAccount(n, at, "svc-backup", "high", "45.83.64.12", "Suspicious sign-in by svc-backup from an unfamiliar network"),
  (n, at) => wazuhBruteForce(n, at, "141.98.11.23", 16, "ubuntu"),
  (n, at) => malwareHost(n, at, "ws-mkt-112.corp.example", "Cobalt Strike beacon on ws-mkt-112", "critical"),
  (n, at) => wazuhBruteForce(n, at, "172.16.8.40", 8, "git"),
  (n, at) => compromisedAccount(n, at, "m.ruiz@corp.example", "high", "196.251.72.4", "Impossible travel: m.ruiz@corp.example signed in from Madrid and Lagos 52 minutes apart"),
  (n, at) => wazuhBruteForce(n, at, "193.32.162.71", 4, "pi"),
  (n, at) => wazuhBruteForce(n, at, "80.94.95.115", 10, "postgres"),
  (n, at) => compromisedAccount(n, at, "a.chen@corp.example", "critical", "5.181.86.33", "Leaked credentials for a.chen@corp.example used from a new country"),
  (n, at) => malwareHost(n, at, "ws-hr-007.corp.example", "Ransomware behaviour (mass file renames) on ws-hr-007", "critical"),
  (n, at) => wazuhBruteForce(n, at, "10.20.7.15", 14, "root"),
  (n, at) => wazuhBruteForce(n, at, "2.57.122.196", 20, "admin"),
  (n, at) => compromisedAccount(n, at, "svc-ci-runner", "critical", "91.92.251.103", "Account takeover suspected: svc-ci-runner signed in interactively"),
  (n, at) => wazuhBruteForce(n, at, "179.43.175.10", 7, "user"),
  (n, at) => malwareHost(n, at, "ws-eng-041.corp.example", "XMRig cryptominer running on ws-eng-041", "medium"),
  (n, at) => wazuhBruteForce(n, at, "192.168.10.23", 6, "backup"),
  (n, at) => compromisedAccount(n, at, "p.novak@corp.example", "critical", "194.26.29.120", "Impossible travel: p.novak@corp.example signed in from Prague and São Paulo 25 minutes apart"),
  (n, at) => wazuhBruteForce(n, at, "45.148.10.174", 30, "root"),
  (n, at) => wazuhBruteForce(n, at, "103.99.0.122", 9, "deploy"),
  (n, at) => malwareHost(n, at, "ws-fin-031.corp.example", "Infostealer (RedLine) detected on ws-fin-031", "high"),
  (n, at) => compromisedAccount(n, at, "svc-settlement", "high", "88.214.26.8", "Suspicious authentication by svc-settlement outside its batch hours"),
  (n, at) => wazuhBruteForce(n, at, "10.30.9.2", 12, "jenkins"),
  (n, at) => wazuhBruteForce(n, at, "222.186.30.112", 11, "root"),
  (n, at) => compromisedAccount(n, at, "l.meyer@corp.example", "high", "37.120.222.40", "Suspicious sign-in by l.meyer@corp.example from a hosting provider"),
  (n, at) => malwareHost(n, at, "ws-ops-019.corp.example", "Backdoor (njRAT) command-and-control traffic from ws-ops-019", "critical"),
  (n, at) => wazuhBruteForce(n, at, "87.251.75.145", 8, "admin"),
  (n, at) => wazuhBruteForce(n, at, "172.16.8.77", 30, "root"),
  (n, at) => compromisedAccount(n, at, "s.ito@corp.example", "critical", "149.28.142.7", "Impossible travel: s.ito@corp.example signed in from Osaka and Frankfurt 31 minutes apart"),
  (n, at) => wazuhBruteForce(n, at, "194.180.48.88", 5, "guest"),
  (n, at) => malwareHost(n, at, "ws-sales-054.corp.example", "Trojan:Win32/Emotet detected on ws-sales-054", "high"),
  (n, at) => wazuhBruteForce(n, at, "61.177.173.18", 18, "root"),
  (n, at) => compromisedAccount(n, at, "r.okoye@corp.example", "high", "185.243.115.30", "Unfamiliar sign-in properties for r.okoye@corp.example"),
  (n, at) => wazuhBruteForce(n, at, "159.223.45.201", 13, "sol"),
  (n, at) => malwareHost(n, at, "ws-fin-044.corp.example", "Webshell dropped on ws-fin-044", "critical"),
  (n, at) => compromisedAccount(n, at, "k.larsen@corp.example", "critical", "64.62.197.80", "Credential stuffing succeeded against k.larsen@corp.example"),
];

/** Spread over the last 29 days, oldest first, at varied hours. Deterministic from `now`. */
function schedule(now: Date): TAlertSpec[] {
  return ALERTS.map((make, i) => {
    const daysAgo = 29 - (i * 28.5) / ALERTS.length;
    const at = new Date(now.getTime() - daysAgo * DAY + ((i * 7) % 11) * 3_600_000);
    return { payload: make(i + 1, at) as Record<string, unknown>, at };
  });
}

export async function seedDemoHistory(client: TDb, actor: TAuditActor, now = new Date()): Promise<void> {
  const specs = schedule(now);
  const alerts = specs.flatMap(({ payload, at }) => {
    const parsed = parseAlertPayload(payload, { receivedAt: at });
    if (!parsed.ok) throw new Error(`demo history alert does not parse: ${JSON.stringify(parsed.errors)}`);
    return parsed.alerts;
  });
  const ingested = await ingestAlerts(client, { alerts, actor });
  const jobs = recordingJobSender();
  // One at a time: each alert has a clock of its own.
  for (const [i, alert] of ingested.entries()) {
    if (alert.duplicate || alert.rejected) continue;
    const decidedAt = new Date(specs[i]!.at.getTime() + 20_000);
    await decideAlerts(client, { alertIds: [alert.alertId], jobs, now: () => decidedAt });
  }
  // The minute sweep's work for the past month: each historical block ends when its TTL ran out.
  const due = await client.containment.findMany({ where: { status: { in: ["ACTIVE", "PENDING"] }, expiresAt: { lte: now } }, select: { id: true, expiresAt: true } });
  for (const c of due) await expireDueContainments(client, { now: c.expiresAt, containmentId: c.id });
}
