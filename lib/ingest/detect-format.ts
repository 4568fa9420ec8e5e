// Which alert format a payload is, from the fields each sender always writes. Checked in
// an order that resolves overlaps: an Elastic alert built from a Wazuh event carries both
// `kibana.alert.*` and Wazuh's `rule.level`, and is an Elastic alert.
import type { TPostableAlertFormat } from "./format-result";
import { isElasticAlertDoc } from "./formats/elastic";
import { isRecord, own } from "./read-fields";

function has(record: Record<string, unknown>, ...keys: string[]): boolean {
  return keys.some((key) => own(record, key) !== undefined);
}

function envelopeFormat(item: Record<string, unknown>, alerts: unknown[]): TPostableAlertFormat {
  const first = alerts[0];
  if (has(item, "receiver", "groupKey") || (isRecord(first) && isRecord(own(first, "labels")))) {
    return "alertmanager";
  }
  return isElasticAlertDoc(first) || has(item, "rule") ? "elastic" : "generic";
}

/** The format of one alert object (for a batch, pass its first element), or null. */
export function detectAlertFormat(item: unknown): TPostableAlertFormat | null {
  if (!isRecord(item)) return null;
  if (has(item, "class_uid")) return "ocsf";
  if (isElasticAlertDoc(item)) return "elastic";
  const rule = own(item, "rule");
  if (isRecord(rule) && has(rule, "level") && has(item, "agent", "manager", "decoder", "location")) return "wazuh";
  if (typeof own(item, "scenario") === "string" && isRecord(own(item, "source"))) return "crowdsec";
  if (isRecord(own(item, "result")) && has(item, "sid", "search_name", "results_link")) return "splunk";
  const alerts = own(item, "alerts");
  if (Array.isArray(alerts)) return envelopeFormat(item, alerts);
  const context = own(item, "context");
  if (isRecord(context) && Array.isArray(own(context, "alerts"))) return "elastic";
  if (has(item, "target", "entities") || (typeof rule === "string" && has(item, "title"))) return "generic";
  return null;
}
