// What one sshd message says: its kind, the remote address and the account.
//
// Counting rule: one password (or key, or keyboard-interactive) attempt is ONE
// auth_failure. sshd logs "Failed <method> for ..." for every failed attempt, so that line
// is the failure. The lines around it describe the same attempt and get other kinds:
// "Invalid user X from IP" (once per connection, before the attempts), pam_unix's
// "authentication failure; ... rhost=IP" (PAM's echo of the attempt sshd logs as Failed),
// and "maximum authentication attempts exceeded" (the disconnect after them).
//
// Usernames are attacker-controlled and sshd writes them unescaped, so a name such as
// "x from 6.6.6.6 port 1 ssh2: y" must not make us blame 6.6.6.6: see remoteOfAuthLine.
import type { TContextEventKind } from "./context-event";
import { canonicalAccount, canonicalIp } from "./entities";

export type TSshdMessage = { kind: TContextEventKind; sourceIp: string | null; account: string | null };

type TRule = { pattern: RegExp; kind: TContextEventKind; host?: number[]; user?: number };

// "[authenticating |invalid ]user X IP port N" (user in group 1, IP in 2) or "IP[ port N]" (IP in 3).
const USER_AND_HOST = "(?:(?:(?:authenticating|invalid|illegal) )?user (.*) (\\S+) port \\d+|(\\S+)(?: port \\d+)?)";

// Checked in order; the first match wins. `host` lists capture groups (the first one that
// matched holds the address), `user` is one group.
const RULES: TRule[] = [
  {
    pattern: /^PAM: (?:authentication (?:failure|error)|User not known to the underlying authentication module) for (?:(?:illegal|invalid) user )?(.*) from (\S+)(?: via \S+)?$/i,
    kind: "auth_failure",
    user: 1,
    host: [2],
  },
  { pattern: /^(?:Invalid|Illegal) user (.*) from (\S+?)(?: port \d+)?$/, kind: "invalid_user", user: 1, host: [2] },
  { pattern: /^User (.+) from (\S+) not allowed because .+$/, kind: "invalid_user", user: 1, host: [2] },
  { pattern: /^ROOT LOGIN REFUSED FROM (\S+?)(?: port \d+)?(?: \[preauth\])?$/, kind: "invalid_user", host: [1] },
  { pattern: /^Received disconnect from (\S+) port \d+: ?\d+:/, kind: "disconnect", host: [1] },
  { pattern: /^Received disconnect from (\S+): \d+:/, kind: "disconnect", host: [1] },
  ...["Disconnected from", "Connection closed by", "Connection reset by"].map((lead) => ({
    pattern: new RegExp(`^${lead} ${USER_AND_HOST}(?: \\[preauth\\])?$`),
    kind: "disconnect" as const,
    user: 1,
    host: [2, 3],
  })),
  {
    pattern: /^Disconnecting (?:(?:authenticating|invalid) )?user (.*) (\S+) port \d+: /,
    kind: "disconnect",
    user: 1,
    host: [2],
  },
  {
    pattern: /^maximum authentication attempts exceeded for (?:invalid user )?(.*) from (\S+) port \d+ ssh\d?(?: \[preauth\])?$/,
    kind: "disconnect",
    user: 1,
    host: [2],
  },
  { pattern: /^Disconnecting: Too many authentication failures(?: for (?:invalid user )?(.+?))?(?: \[preauth\])?$/, kind: "disconnect", user: 1 },
  { pattern: /^Did not receive identification string from (\S+?)(?: port \d+)?$/, kind: "other", host: [1] },
  { pattern: /^Bad protocol version identification .* from (\S+?)(?: port \d+)?$/, kind: "other", host: [1] },
  { pattern: /^Unable to negotiate with (\S+) port \d+: /, kind: "other", host: [1] },
  { pattern: /^(?:banner exchange|ssh_dispatch_run_fatal): Connection from (?:.* )?(\S+) port \d+: /, kind: "other", host: [1] },
  { pattern: /^Connection from (\S+?)(?: port \d+.*)?$/, kind: "other", host: [1] },
  { pattern: /^Timeout before authentication for (?:connection from )?(\S+?)(?: port \d+| to .*)?$/, kind: "other", host: [1] },
  { pattern: /^refused connect from .*\((\S+)\)$/, kind: "other", host: [1] },
  { pattern: /^reverse mapping checking getaddrinfo for .* \[(\S+)\] failed/, kind: "other", host: [1] },
  { pattern: /^Address (\S+) maps to /, kind: "other", host: [1] },
  // A patched sshd's connection summary (fail2ban gh-864): "Remote: 127.0.0.1-1780;".
  { pattern: /^SSH: Server;Ltype: \w+;Remote: (\S+?)-\d+;/, kind: "other", host: [1] },
  { pattern: /^input_userauth_request: (?:invalid|illegal) user (.*?)(?: \[preauth\])?$/, kind: "other", user: 1 },
  { pattern: /^pam_unix\(sshd:session\): session (?:opened|closed) for user (\S+)/, kind: "other", user: 1 },
  { pattern: /^User (\S+) not allowed because /, kind: "other", user: 1 },
];

// " from HOST[ port N][ sshN]" followed by the end or by ": <auth info>".
const AUTH_REMOTE = / from (\S+?)( port \d+)?( ssh\d?)?(?=$|(: ))/g;

function account(value: string | null | undefined): string | null {
  if (value === undefined || value === null || value === "<invalid username>") return null;
  return canonicalAccount(value);
}

/**
 * Host and user of "Accepted|Failed <method> for [invalid user ]USER from HOST port N ssh2[: INFO]".
 * Only a " from HOST" followed by the end or by ": " can be the real one, and once a
 * line has ": INFO" it is the modern format, in which the real one always has "port N sshN".
 * Two such candidates mean the username or INFO imitates the tail: the address is then
 * unknowable, and null is safer than blocking an address an attacker chose.
 */
function remoteOfAuthLine(afterFor: string): { host: string | null; user: string | null } {
  const rest = afterFor.replace(/^(?:invalid|illegal) user /, "");
  const all = [...rest.matchAll(AUTH_REMOTE)];
  const modern = all.some((m) => m[4] !== undefined);
  const candidates = modern ? all.filter((m) => m[2] !== undefined && m[3] !== undefined) : all;
  const [only, ...others] = candidates;
  if (!only || others.length > 0) return { host: null, user: null };
  return { host: only[1] ?? null, user: rest.slice(0, only.index) };
}

/** pam_unix's own failure lines: context for the "Failed" line sshd writes for the same attempt. */
function pamAuthFailure(message: string): TSshdMessage | null {
  if (!/^(?:pam_unix\(sshd:auth\): authentication failure|PAM \d+ more authentication failures?);/.test(message)) {
    return null;
  }
  // rhost and user are written after the attacker-controlled ruser: trust them only once.
  const hosts = [...message.matchAll(/ rhost=(\S*)/g)];
  const users = [...message.matchAll(/ user=(\S+)/g)];
  const host = hosts.length === 1 ? hosts[0]?.[1] : undefined;
  const user = users.length === 1 ? users[0]?.[1] : undefined;
  return { kind: "other", sourceIp: host ? canonicalIp(host) : null, account: account(user) };
}

/** Classifies one sshd message (the text after "sshd[pid]: "). */
export function classifySshdMessage(text: string): TSshdMessage {
  const message = text.replace(/^(?:error|fatal): /, "").trimEnd();
  const auth = /^(Accepted|Failed) \S+ for (.*)$/.exec(message);
  if (auth) {
    const { host, user } = remoteOfAuthLine(auth[2] ?? "");
    const kind = auth[1] === "Accepted" ? "auth_success" : "auth_failure";
    return { kind, sourceIp: host ? canonicalIp(host) : null, account: account(user) };
  }
  const pam = pamAuthFailure(message);
  if (pam) return pam;
  for (const rule of RULES) {
    const m = rule.pattern.exec(message);
    if (!m) continue;
    const host = rule.host?.map((group) => m[group]).find((value) => value !== undefined);
    const user = rule.user === undefined ? undefined : m[rule.user];
    return { kind: rule.kind, sourceIp: host ? canonicalIp(host) : null, account: account(user) };
  }
  return { kind: "other", sourceIp: null, account: null };
}
