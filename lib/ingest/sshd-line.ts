// The header of one sshd log line, in the shapes auth.log, RFC 5424-ish rsyslog and
// `journalctl -o short`/`-o cat` produce:
//   Dec 10 06:55:46 LabSZ sshd[24200]: <message>
//   2015-04-16T18:02:50.321974+00:00 host sshd[2716]: <message>
//   Nov 23 21:50:19 sshd[8148]: <message>          (no host)
//   Jun 25 23:53:34 [sshd] <message>               (no pid, no colon)
//   srv sshd[13709]: <message>                     (journal, no time)
//   <38>1 2019-07-08T17:40:16.95-04:00 host sshd 57915 - - <message>   (RFC 5424)
import { canonicalMachine } from "./entities";
import { MONTHS, type TSyslogStamp } from "./syslog-year";
import { parseTimestamp } from "./timestamps";

export type TSshdLine = {
  /** A classic syslog stamp, whose year the caller infers. */
  stamp: TSyslogStamp | null;
  /** A full timestamp (ISO 8601 with a year), when the line has one. */
  time: Date | null;
  host: string | null;
  /** sshd's process id: one per connection, so lines of one connection share it. */
  pid: number | null;
  message: string;
};

const MONTH_INDEX = new Map<string, number>(MONTHS.map((m, i) => [m.toLowerCase(), i]));
const SYSLOG_STAMP = /^([A-Za-z]{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(.*)$/;
const ISO_STAMP = /^(\d{4}-\d{2}-\d{2}T\S+)\s+(.*)$/;
// sshd-session and sshd-auth are the per-connection processes of OpenSSH 9.8+.
const PROGRAM = /^(?:(\S+)\s+)?(?:sshd(?:-session|-auth)?(?:\[(\d+)\])?:|\[sshd\]:?)\s*(.*)$/;
// RFC 5424: <PRI>1 TIME HOST APP PROCID MSGID STRUCTURED-DATA MSG, where structured data
// is "-" or [id k="v" ...] elements whose quoted values may hold "]".
const RFC5424 =
  /^<\d{1,3}>1 (\S+) (\S+) sshd(?:-session|-auth)? (\S+) \S+ (?:-|(?:\[[^\]"]*(?:"(?:[^"\\]|\\.)*"[^\]"]*)*\])+) ?(.*)$/;
// Prefixes that some platforms put before sshd's own text: Solaris message ids, and
// kernel timestamps that journal exports sometimes carry.
const MESSAGE_PREFIX = /^(?:\[ID \d+ [\w.]+\]\s*|kernel:\s*\[\s*[\d.]+\]:?\s*)/;

function parseStamp(parts: string[]): TSyslogStamp | null {
  const [monthName = "", day, hour, minute, second] = parts;
  const month = MONTH_INDEX.get(monthName.toLowerCase());
  const stamp = { month: month ?? -1, day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second) };
  const valid = month !== undefined && stamp.day >= 1 && stamp.day <= 31 && stamp.hour < 24 && stamp.minute < 60 && stamp.second < 61;
  return valid ? stamp : null;
}

/** The parts of an sshd line, or null when the line is not from sshd (or not a log line). */
export function splitSshdLine(line: string): TSshdLine | null {
  const rfc5424 = RFC5424.exec(line.trim());
  if (rfc5424) {
    const time = parseTimestamp(rfc5424[1]);
    const host = canonicalMachine(rfc5424[2] ?? "");
    const pid = /^\d+$/.test(rfc5424[3] ?? "") ? Number(rfc5424[3]) : null;
    return time ? { stamp: null, time, host, pid, message: rfc5424[4] ?? "" } : null;
  }
  let stamp: TSyslogStamp | null = null;
  let time: Date | null = null;
  let rest = line.trim();
  const syslog = SYSLOG_STAMP.exec(rest);
  const iso = syslog ? null : ISO_STAMP.exec(rest);
  if (syslog) {
    stamp = parseStamp(syslog.slice(1, 6));
    if (!stamp) return null;
    rest = syslog[6] ?? "";
  } else if (iso) {
    time = parseTimestamp(iso[1]);
    if (!time) return null;
    rest = iso[2] ?? "";
  }
  const program = PROGRAM.exec(rest);
  if (!program) return null;
  const message = (program[3] ?? "").replace(MESSAGE_PREFIX, "");
  const pid = program[2] === undefined ? null : Number(program[2]);
  return { stamp, time, host: canonicalMachine(program[1] ?? ""), pid, message };
}
