// Reflex's own alert format (docs/ALERT-FORMATS.md). Unlike the vendor formats it is
// strict: unknown fields and invalid entity values are errors, because a typo such as
// "targte" would otherwise silently turn an actionable alert into one with no target.
import { z } from "zod";
import { ENTITY_KINDS, SEVERITIES, type TEntity, type TEntityKind } from "@/lib/domain/types";
import { assembleEntities, canonicalEntityValue, dedupeEntities } from "../entities";
import { fieldErrorsFromZod } from "../field-errors";
import { formatAlerts, formatErrors, type TFormatParser } from "../format-result";
import { ZTimestamp } from "../timestamps";

const KIND_WORDING: Record<TEntityKind, string> = {
  ip: "an IP address",
  cidr: "a CIDR range such as 203.0.113.0/24",
  host: "a host name (letters, digits, '-', '_' and dots; an IP address is kind \"ip\")",
  account: "an account name (1 to 256 characters)",
  app: "an application name (1 to 200 characters)",
};

const ZEntityValue = z.strictObject({ kind: z.enum(ENTITY_KINDS), value: z.string() });

function canonicalise<T extends { kind: TEntityKind; value: string }>(
  entity: T,
  ctx: z.RefinementCtx,
): T {
  const value = canonicalEntityValue(entity.kind, entity.value);
  if (value === null) {
    ctx.addIssue({
      code: "custom",
      path: ["value"],
      message: `${JSON.stringify(entity.value)} is not ${KIND_WORDING[entity.kind]}`,
    });
    return z.NEVER;
  }
  return { ...entity, value };
}

export const ZGenericTarget = ZEntityValue.transform(canonicalise);

export const ZGenericEntity = ZEntityValue.extend({
  // "target" is not allowed here: the target field says what to act on.
  role: z.enum(["source", "related"]).default("related"),
}).transform(canonicalise);

const ZText = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const ZGenericAlert = z.strictObject({
  source: ZText(200),
  id: z.union([ZText(200), z.number().int()]).transform(String),
  rule: ZText(200),
  title: ZText(500),
  severity: z.enum(SEVERITIES).default("medium"),
  time: ZTimestamp.optional(),
  target: ZGenericTarget.nullable().optional(),
  entities: z.array(ZGenericEntity).max(100, "at most 100 entities").default([]),
  /** Free-form context the sender wants kept with the alert; Reflex stores it in `raw`. */
  details: z.record(z.string(), z.unknown()).optional(),
});

export const parseGenericAlert: TFormatParser = (item, { receivedAt }) => {
  const parsed = ZGenericAlert.safeParse(item, { reportInput: true });
  if (!parsed.success) return formatErrors(fieldErrorsFromZod(parsed.error));
  const alert = parsed.data;
  const others: TEntity[] = alert.entities;
  const { entities, target } = alert.target
    ? assembleEntities([{ ...alert.target, role: "target" }], others)
    : { entities: dedupeEntities(others), target: null };
  return formatAlerts([
    {
      format: "generic",
      source: alert.source,
      externalId: alert.id,
      ruleId: alert.rule,
      title: alert.title,
      severity: alert.severity,
      entities,
      target,
      occurredAt: alert.time ?? receivedAt,
      raw: item,
    },
  ]);
};
