// CrowdSec alerts as the agent posts them to its Local API (`POST /v1/alerts`, a JSON
// array) or as `cscli alerts list -o json` prints them: one scenario overflow each.
import { z } from "zod";
import type { TEntity, TSeverity } from "@/lib/domain/types";
import { assembleEntities, makeEntity } from "../entities";
import { fieldErrorsFromZod } from "../field-errors";
import { cleanTitle, formatAlerts, formatErrors, type TFormatParser } from "../format-result";
import { isRecord, textOf } from "../read-fields";
import { stableHash } from "../stable-hash";
import { firstTime } from "../timestamps";

const ZLooseText = z.union([z.string(), z.number()]).optional().catch(undefined);

const ZDecision = z.looseObject({ scope: ZLooseText, value: ZLooseText, type: ZLooseText });

export const ZCrowdsecAlert = z.looseObject({
  scenario: z.string().trim().min(1),
  source: z.looseObject({
    scope: z.string(),
    value: z.string(),
    ip: ZLooseText,
    range: ZLooseText,
  }),
  uuid: ZLooseText,
  id: ZLooseText,
  machine_id: ZLooseText,
  message: ZLooseText,
  simulated: z.boolean().optional().catch(undefined),
  remediation: z.boolean().optional().catch(undefined),
  decisions: z.array(ZDecision).nullable().optional().catch(undefined),
  // The API model spells it "events"; the LAPI test fixtures also use "Events".
  events: z.array(z.unknown()).nullable().optional().catch(undefined),
  Events: z.array(z.unknown()).nullable().optional().catch(undefined),
  start_at: ZLooseText,
  stop_at: ZLooseText,
  created_at: ZLooseText,
});

type TCrowdsecAlert = z.infer<typeof ZCrowdsecAlert>;

/** CrowdSec scopes are case-insensitive ("Ip", "ip", "Range"). */
function scopedEntity(scope: unknown, value: unknown, role: TEntity["role"]): TEntity | null {
  const kind = textOf(scope)?.toLowerCase();
  if (kind === "ip") return makeEntity("ip", textOf(value), role);
  if (kind === "range") return makeEntity("cidr", textOf(value), role);
  return null;
}

/** Values of one meta key across the alert's events (source_ip, target_user, ...). */
function metaValues(alert: TCrowdsecAlert, key: string): string[] {
  const events = [...(alert.events ?? []), ...(alert.Events ?? [])];
  return events.flatMap((event) => {
    const meta = isRecord(event) && Array.isArray(event.meta) ? event.meta : [];
    return meta.flatMap((m) => {
      const value = isRecord(m) && m.key === key ? textOf(m.value) : undefined;
      return value === undefined ? [] : [value];
    });
  });
}

/** CrowdSec has no severity: a scenario that asked for remediation is high. */
function crowdsecSeverity(alert: TCrowdsecAlert): TSeverity {
  if (alert.simulated) return "low";
  const banned = (alert.decisions ?? []).some((d) => textOf(d.type)?.toLowerCase() === "ban");
  return banned || alert.remediation ? "high" : "medium";
}

function externalIdOf(alert: TCrowdsecAlert): string {
  const uuid = textOf(alert.uuid);
  if (uuid) return uuid;
  const id = textOf(alert.id);
  if (id) return `${textOf(alert.machine_id) ?? "lapi"}:${id}`;
  // An agent's own POST carries no id yet: the overflow itself identifies the alert.
  const { scenario, source, start_at, stop_at } = alert;
  return `overflow-${stableHash({ scenario, scope: source.scope, value: source.value, start_at, stop_at })}`;
}

export const parseCrowdsec: TFormatParser = (item, { receivedAt }) => {
  const parsed = ZCrowdsecAlert.safeParse(item, { reportInput: true });
  if (!parsed.success) return formatErrors(fieldErrorsFromZod(parsed.error));
  const alert = parsed.data;
  const machine = textOf(alert.machine_id);
  const { entities, target } = assembleEntities(
    [
      scopedEntity(alert.source.scope, alert.source.value, "source"),
      makeEntity("ip", textOf(alert.source.ip), "source"),
      ...(alert.decisions ?? []).map((d) => scopedEntity(d.scope, d.value, "source")),
      ...metaValues(alert, "source_ip").map((ip) => makeEntity("ip", ip, "source")),
    ],
    [
      makeEntity("cidr", textOf(alert.source.range), "related"),
      ...metaValues(alert, "target_user").map((user) => makeEntity("account", user, "related")),
    ],
  );
  return formatAlerts([
    {
      format: "crowdsec",
      source: machine ? `crowdsec:${machine}` : "crowdsec",
      externalId: externalIdOf(alert),
      ruleId: `crowdsec:${alert.scenario}`,
      title: cleanTitle(textOf(alert.message) ?? `${alert.scenario} by ${alert.source.value}`),
      severity: crowdsecSeverity(alert),
      entities,
      target,
      occurredAt: firstTime(receivedAt, alert.stop_at, alert.start_at, alert.created_at),
      raw: item,
    },
  ]);
};
