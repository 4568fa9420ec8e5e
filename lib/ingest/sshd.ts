// sshd logs (auth.log / secure / journal exports) → context events. Comment lines ("#")
// and lines that are not sshd log lines are skipped and counted, so an upload can report
// "1,998 events, 2 lines not understood" instead of failing on the first odd line.
import type { TContextEvent } from "./context-event";
import { classifySshdMessage } from "./sshd-message";
import { splitSshdLine } from "./sshd-line";
import { followYear, inferYear, stampInstant } from "./syslog-year";

export type TSshdLogResult = {
  events: TContextEvent[];
  /** Lines starting with "#". */
  comments: number;
  /** Non-blank lines that are not sshd log lines (or longer than any log line). */
  unparseable: number;
};

// rsyslog folds identical lines: "message repeated 5 times: [ Failed password ...]" is five failures.
const REPEATED = /^message repeated (\d+) times: \[\s*(.*?)\s*\]$/;
const MAX_REPEAT = 1000;
// syslog relays cut lines well below this; anything longer is not a log line, and bounding
// it bounds the work the message patterns can be made to do.
const MAX_LINE_LENGTH = 8192;

export type TSshdLogOptions = {
  /** When the log was received: the newest a line may be, and the time of lines without one. */
  reference: Date;
  /** Offset of the logging host's clock from UTC, for classic stamps (which have no zone). */
  utcOffsetMinutes?: number;
};

export function parseSshdLog(text: string, opts: TSshdLogOptions): TSshdLogResult {
  const offset = opts.utcOffsetMinutes ?? 0;
  const events: TContextEvent[] = [];
  let comments = 0;
  let unparseable = 0;
  let year: number | null = null;
  let lastMonth = 0;
  // Journal exports without times inherit the last time seen, else the reference.
  let lastTime = opts.reference;
  // Many lines name no address ("Disconnecting: Too many authentication failures for
  // root") or an ambiguous one; the connection's earlier lines, same pid, name it.
  const ipByPid = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") continue;
    if (line.startsWith("#")) {
      comments++;
      continue;
    }
    const parts = line.length > MAX_LINE_LENGTH ? null : splitSshdLine(line);
    if (!parts) {
      unparseable++;
      continue;
    }
    let occurredAt = parts.time ?? lastTime;
    if (parts.stamp) {
      year = year === null ? inferYear(parts.stamp, opts.reference, offset) : followYear(year, lastMonth, parts.stamp.month);
      lastMonth = parts.stamp.month;
      const instant = stampInstant(parts.stamp, year, offset);
      if (!instant) {
        // Feb 29 in a year that has none: the year guess is wrong, not the line.
        unparseable++;
        continue;
      }
      occurredAt = instant;
    }
    lastTime = occurredAt;
    const repeated = REPEATED.exec(parts.message);
    const message = repeated?.[2] ?? parts.message;
    const classified = classifySshdMessage(message);
    const connection = parts.pid === null ? null : `${parts.host ?? ""}#${parts.pid}`;
    if (connection !== null && classified.sourceIp !== null) ipByPid.set(connection, classified.sourceIp);
    const sourceIp = classified.sourceIp ?? (connection === null ? null : (ipByPid.get(connection) ?? null));
    const event: TContextEvent = { occurredAt, ...classified, sourceIp, host: parts.host, program: "sshd", message };
    const times = repeated ? Math.min(Number(repeated[1]), MAX_REPEAT) : 1;
    for (let i = 0; i < times; i++) events.push({ ...event });
  }
  return { events, comments, unparseable };
}
