import { z } from "zod";
import { ACTOR_KINDS, AUDIT_GROUPS, AUDIT_TYPES, INACTION_VERDICTS, typesInGroup, type TActorKind, type TAuditType } from "@/lib/domain/audit-types";
import { LOOKUP_KINDS, parseInstant, parseLookupEntity, parseTimeWindow, type TLookupKind, type TLookupTarget } from "@/lib/domain/lookup-query";
import { VERDICTS, type TVerdict } from "@/lib/domain/types";
import { ExpectedError, fieldErrorsOf } from "@/lib/server/errors";

// One query language for the audit feed page, the bridge-call lookup and
// GET /api/v1/audit: the URL's search parameters, validated here with messages that say
// what to fix (an API client gets them as a 400, never a 500).

export const FEED_PAGE_SIZE = 50;
export const MAX_FEED_PAGE_SIZE = 500;

/** The search parameters this query language reads (pages pass on only these). */
export const FEED_PARAMS = ["q", "type", "verdict", "actorKind", "actor", "playbook", "policyVersion", "entity", "kind", "from", "to"] as const;

/** The known, non-empty parameters of a page's URL, as a query string for the API. */
export function feedQueryString(params: Record<string, string | string[] | undefined>, keys: readonly string[] = FEED_PARAMS): string {
  const out = new URLSearchParams();
  for (const key of keys) {
    const value = params[key];
    const text = Array.isArray(value) ? value[0] : value;
    if (text && text.trim() !== "") out.set(key, text.trim());
  }
  return out.toString();
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : undefined));

const ACTOR_ALIASES: Record<string, TActorKind> = { person: "USER", user: "USER", automation: "AUTOMATION", token: "TOKEN", system: "SYSTEM" };

export const ZRawFeedQuery = z.object({
  cursor: z.string().regex(/^\d{1,19}$/, "cursor is the nextCursor of the previous page").optional(),
  limit: z.coerce.number({ message: "limit is a number" }).int("limit is a whole number").min(1, "limit is at least 1").max(MAX_FEED_PAGE_SIZE, `limit is at most ${MAX_FEED_PAGE_SIZE}`).default(FEED_PAGE_SIZE),
  type: optionalText(40).refine((v) => v === undefined || (AUDIT_TYPES as readonly string[]).includes(v) || (AUDIT_GROUPS as readonly string[]).includes(v), {
    message: `type is an event type (${AUDIT_TYPES.slice(0, 3).join(", ")}, …) or a group (${AUDIT_GROUPS.join(", ")})`,
  }),
  verdict: optionalText(20).refine((v) => v === undefined || v === "inaction" || (VERDICTS as readonly string[]).includes(v), {
    message: `verdict is one of ${VERDICTS.join(", ")}, or inaction`,
  }),
  actorKind: optionalText(20).refine((v) => v === undefined || v.toLowerCase() in ACTOR_ALIASES || (ACTOR_KINDS as readonly string[]).includes(v.toUpperCase()), {
    message: "actorKind is person, automation, token or system",
  }),
  actor: optionalText(200),
  playbook: optionalText(100),
  policyVersion: z.coerce.number({ message: "policyVersion is a number" }).int("policyVersion is a whole number").min(1, "policyVersion is at least 1").optional(),
  entity: optionalText(256),
  kind: z.enum(LOOKUP_KINDS, { message: `kind is one of ${LOOKUP_KINDS.join(", ")}` }).optional(),
  from: optionalText(40),
  to: optionalText(40),
  q: optionalText(200),
});

export type TFeedQuery = {
  cursor: bigint | null;
  limit: number;
  types: TAuditType[] | null;
  verdicts: TVerdict[] | null;
  actorKind: TActorKind | null;
  actor: string | null;
  playbook: string | null;
  policyVersion: number | null;
  entity: { text: string; kind: TLookupKind; targets: TLookupTarget[] } | null;
  from: Date | null;
  to: Date | null;
  q: string | null;
};

function bad(field: string, message: string): never {
  throw new ExpectedError("BAD_INPUT", message, { [field]: [message] });
}

/**
 * Parses the search parameters. With an entity and no time range it is a lookup, and the
 * window defaults to the last 24 hours; without an entity, no range means all of time.
 */
export function parseFeedQuery(params: URLSearchParams | Record<string, string | undefined>, now: Date = new Date()): TFeedQuery {
  // An empty field of a GET form means "no filter", not "filter on nothing".
  const entries = params instanceof URLSearchParams ? [...params] : Object.entries(params);
  const raw = Object.fromEntries(entries.filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = ZRawFeedQuery.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ExpectedError("BAD_INPUT", `${issue.path.join(".") || "query"}: ${issue.message}`, fieldErrorsOf(parsed.error));
  }
  const input = parsed.data;
  if (input.cursor && BigInt(input.cursor) > 9_223_372_036_854_775_807n) bad("cursor", "cursor: is not a cursor this feed gave out");
  let entity: TFeedQuery["entity"] = null;
  if (input.entity) {
    const targets = parseLookupEntity(input.entity, input.kind ?? "any");
    if (!targets.ok) bad("entity", targets.error);
    entity = { text: input.entity, kind: input.kind ?? "any", targets: targets.value };
  }
  let from: Date | null = null;
  let to: Date | null = null;
  if (entity) {
    const window = parseTimeWindow({ from: input.from, to: input.to }, now);
    if (!window.ok) bad(window.error.startsWith("to") ? "to" : "from", window.error);
    ({ from, to } = window.value);
  } else {
    for (const field of ["from", "to"] as const) {
      if (!input[field]) continue;
      const instant = parseInstant(input[field], field);
      if (!instant.ok) bad(field, instant.error);
      if (field === "from") from = instant.value;
      else to = instant.value;
    }
    if (from && to && from.getTime() >= to.getTime()) bad("from", `from (${from.toISOString()}) must be before to (${to.toISOString()})`);
  }
  const type = input.type;
  const types = type ? ((AUDIT_TYPES as readonly string[]).includes(type) ? [type as TAuditType] : typesInGroup(type as (typeof AUDIT_GROUPS)[number])) : null;
  const verdicts = input.verdict ? (input.verdict === "inaction" ? [...INACTION_VERDICTS] : [input.verdict as TVerdict]) : null;
  const actorKind = input.actorKind ? (ACTOR_ALIASES[input.actorKind.toLowerCase()] ?? (input.actorKind.toUpperCase() as TActorKind)) : null;
  return {
    cursor: input.cursor ? BigInt(input.cursor) : null,
    limit: input.limit,
    types,
    verdicts,
    actorKind,
    actor: input.actor ?? null,
    playbook: input.playbook ?? null,
    policyVersion: input.policyVersion ?? null,
    entity,
    from,
    to,
    q: input.q ?? null,
  };
}
