// Wazuh alerts.json lines (what the manager writes and what integratord forwards).
import { z } from "zod";
import type { TSeverity } from "@/lib/domain/types";
import { assembleEntities, hostOrIpEntity, makeEntity } from "../entities";
import { fieldErrorsFromZod } from "../field-errors";
import { cleanTitle, formatAlerts, formatErrors, type TFormatParser } from "../format-result";
import { textOf } from "../read-fields";
import { firstTime } from "../timestamps";

const ZId = z.union([z.string().trim().min(1), z.number()]).transform(String);
const ZLooseText = z.string().optional().catch(undefined);

export const ZWazuhAlert = z.looseObject({
  id: ZId,
  timestamp: z.string(),
  rule: z.looseObject({
    id: ZId,
    level: z.number().int().min(0).max(15),
    description: z.string(),
  }),
  agent: z.looseObject({ name: ZLooseText, ip: ZLooseText }).optional().catch(undefined),
  manager: z.looseObject({ name: ZLooseText }).optional().catch(undefined),
  data: z.record(z.string(), z.unknown()).optional().catch(undefined),
});

/**
 * Wazuh levels 0-15 (documentation "Rules classification"): 0-3 are system noise and
 * successful events, 4-6 errors and low-relevance attacks, 7-9 suspicious activity,
 * 10-12 correlated attacks (brute force rules such as 5712 sit at 10), 13-15 severe attacks.
 */
export function wazuhSeverity(level: number): TSeverity {
  if (level <= 3) return "info";
  if (level <= 6) return "low";
  if (level <= 9) return "medium";
  if (level <= 12) return "high";
  return "critical";
}

export const parseWazuh: TFormatParser = (item, { receivedAt }) => {
  const parsed = ZWazuhAlert.safeParse(item, { reportInput: true });
  if (!parsed.success) return formatErrors(fieldErrorsFromZod(parsed.error));
  const alert = parsed.data;
  const data = alert.data ?? {};
  const field = (key: string) => (Object.hasOwn(data, key) ? textOf(data[key]) : undefined);
  const manager = textOf(alert.manager?.name);
  // The attacker's address, then the account acting, then the agent it happened on.
  // The agent's own IP is context only: blocking the victim is never the intent.
  const { entities, target } = assembleEntities(
    [
      makeEntity("ip", field("srcip"), "source"),
      makeEntity("ip", field("src_ip"), "source"),
      makeEntity("account", field("srcuser"), "source"),
      makeEntity("account", field("dstuser"), "related"),
      hostOrIpEntity(alert.agent?.name, "related"),
    ],
    [makeEntity("ip", alert.agent?.ip, "related"), makeEntity("ip", field("dstip"), "related")],
  );
  return formatAlerts([
    {
      format: "wazuh",
      source: manager ? `wazuh:${manager}` : "wazuh",
      externalId: alert.id,
      ruleId: `wazuh:${alert.rule.id}`,
      title: cleanTitle(alert.rule.description) || `Wazuh rule ${alert.rule.id}`,
      severity: wazuhSeverity(alert.rule.level),
      entities,
      target,
      occurredAt: firstTime(receivedAt, alert.timestamp),
      raw: item,
    },
  ]);
};
