// Context events: what Reflex stores to answer "did this IP do anything legitimate
// lately?" and to detect brute force itself. They arrive as sshd log lines (sshd.ts) or
// as JSON lines on `POST /api/v1/events`, one object a line:
//   {"time":"2025-01-31T12:00:00Z","kind":"auth_failure","source_ip":"203.0.113.7",
//    "account":"root","host":"web-01","message":"Failed password for root ..."}
import { z } from "zod";
import { canonicalAccount, canonicalIp, canonicalMachine } from "./entities";
import { fieldErrorsFromZod, capErrors, type TFieldError } from "./field-errors";
import { ZTimestamp } from "./timestamps";

export const CONTEXT_EVENT_KINDS = ["auth_failure", "auth_success", "invalid_user", "disconnect", "other"] as const;
export type TContextEventKind = (typeof CONTEXT_EVENT_KINDS)[number];

export type TContextEvent = {
  occurredAt: Date;
  kind: TContextEventKind;
  /** Canonical IP of the remote side, or null (none in the line, a host name, or ambiguous). */
  sourceIp: string | null;
  account: string | null;
  /** The machine that logged the event: a canonical host name or IP. */
  host: string | null;
  program: "sshd";
  message: string;
};

/** Most lines one events request may carry. */
export const MAX_EVENT_LINES = 20_000;
const MAX_MESSAGE_LENGTH = 2000;

function optionalCanonical(canonical: (value: string) => string | null, wording: string) {
  return z
    .string()
    .nullable()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === null || value.trim() === "") return null;
      const result = canonical(value);
      if (result === null) {
        ctx.addIssue({ code: "custom", message: `${JSON.stringify(value)} is not ${wording}` });
        return z.NEVER;
      }
      return result;
    });
}

export const ZContextEventJson = z.strictObject({
  time: ZTimestamp,
  kind: z.enum(CONTEXT_EVENT_KINDS),
  source_ip: optionalCanonical(canonicalIp, "an IP address"),
  account: optionalCanonical(canonicalAccount, "an account name (1 to 256 characters)"),
  host: optionalCanonical(canonicalMachine, "a host name or IP address"),
  message: z.string().max(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`).default(""),
});

export type TContextEventsResult = { ok: true; events: TContextEvent[] } | { ok: false; errors: TFieldError[] };

/** JSON lines (blank lines ignored) → events, or errors with paths like `line 3.source_ip`. */
export function parseContextEventJson(text: string): TContextEventsResult {
  const lines = text.split(/\r?\n/);
  const events: TContextEvent[] = [];
  const errors: TFieldError[] = [];
  let count = 0;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    if (++count > MAX_EVENT_LINES) {
      return { ok: false, errors: [{ path: "", message: `more than ${MAX_EVENT_LINES} lines; split the upload` }] };
    }
    const path = `line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      errors.push({ path, message: "is not valid JSON (one JSON object per line)" });
      continue;
    }
    const parsed = ZContextEventJson.safeParse(value, { reportInput: true });
    if (!parsed.success) {
      errors.push(...fieldErrorsFromZod(parsed.error, path));
      continue;
    }
    const { time, kind, source_ip, account, host, message } = parsed.data;
    events.push({ occurredAt: time, kind, sourceIp: source_ip, account, host, program: "sshd", message });
  }
  if (errors.length > 0) return { ok: false, errors: capErrors(errors) };
  return { ok: true, events };
}
