// Elastic Security alerts sent by a Kibana Webhook connector. The body is whatever the
// rule's action template renders, so three shapes are read:
//   - one alert document (8.x `kibana.alert.*` fields, or 7.x `signal.*`), flattened or nested;
//   - `{ "alerts": [docs], "rule": {...} }`, from `{{{context.alerts}}}` / `{{rule.name}}`;
//   - `{ "context": { "alerts": [docs], "rule": {...} } }`.
// ECS fields (source.ip, host.name, user.name) are copied into alerts from the source event.
import { z } from "zod";
import type { TNormalizedAlert, TSeverity } from "@/lib/domain/types";
import { assembleEntities, hostOrIpEntity, makeEntity } from "../entities";
import { fieldErrorsFromZod, prefixErrors, type TFieldError } from "../field-errors";
import { cleanTitle, formatAlerts, formatErrors, type TFormatParser } from "../format-result";
import { firstText, isRecord, readPath, textOf } from "../read-fields";
import { DEFAULT_SEVERITY, severityFromWord } from "../severity";
import { stableHash } from "../stable-hash";
import { firstTime } from "../timestamps";

export const ZElasticAlertDoc = z.record(z.string(), z.unknown());

const ZRuleInfo = z.looseObject({ id: z.unknown(), name: z.unknown() }).optional().catch(undefined);

export const ZElasticEnvelope = z.looseObject({ alerts: z.array(ZElasticAlertDoc), rule: ZRuleInfo });

type TRuleInfo = { id?: string; name?: string };

const RULE_NAME = ["kibana.alert.rule.name", "signal.rule.name"];
const RULE_ID = ["kibana.alert.rule.rule_id", "kibana.alert.rule.uuid", "signal.rule.rule_id", "signal.rule.id"];

/** True for a document that carries an Elastic Security rule reference. */
export function isElasticAlertDoc(value: unknown): boolean {
  return isRecord(value) && firstText(value, ...RULE_NAME, ...RULE_ID) !== undefined;
}

/** The envelope a template wrapped the alerts in, if any. */
function envelopeOf(item: unknown): { value: unknown; path: string } | null {
  if (isRecord(item) && Object.hasOwn(item, "alerts")) return { value: item, path: "" };
  const context = isRecord(item) ? readPath(item, "context") : undefined;
  if (isRecord(context) && Object.hasOwn(context, "alerts")) return { value: context, path: "context" };
  return null;
}

/** Elastic's default risk score bands: low 0-21, medium 22-47, high 48-73, critical 74-100. */
export function riskScoreSeverity(score: number): TSeverity {
  if (score < 22) return "low";
  if (score < 48) return "medium";
  if (score < 74) return "high";
  return "critical";
}

function elasticSeverity(doc: unknown): TSeverity {
  const word = firstText(doc, "kibana.alert.severity", "kibana.alert.rule.severity", "signal.rule.severity");
  const byWord = severityFromWord(word);
  if (byWord) return byWord;
  const score = Number(firstText(doc, "kibana.alert.risk_score", "kibana.alert.rule.risk_score", "signal.rule.risk_score"));
  return Number.isFinite(score) ? riskScoreSeverity(score) : DEFAULT_SEVERITY;
}

function toAlert(doc: Record<string, unknown>, rule: TRuleInfo, receivedAt: Date): TNormalizedAlert | TFieldError {
  const ruleName = firstText(doc, ...RULE_NAME) ?? rule.name;
  const ruleId = firstText(doc, ...RULE_ID) ?? rule.id ?? ruleName;
  if (ruleId === undefined || ruleName === undefined) {
    return {
      path: "",
      message:
        "is not an Elastic Security alert: it needs kibana.alert.rule.name and kibana.alert.rule.uuid " +
        "(signal.rule.name and signal.rule.id before 8.0), or a rule {id, name} beside the alerts",
    };
  }
  const occurredAt = firstTime(
    receivedAt,
    readPath(doc, "kibana.alert.original_time"),
    readPath(doc, "signal.original_time"),
    readPath(doc, "@timestamp"),
  );
  const { entities, target } = assembleEntities(
    [
      makeEntity("ip", firstText(doc, "source.ip"), "source"),
      makeEntity("ip", firstText(doc, "client.ip"), "source"),
      makeEntity("account", firstText(doc, "user.name"), "related"),
      hostOrIpEntity(firstText(doc, "host.name", "host.hostname"), "related"),
    ],
    [makeEntity("ip", firstText(doc, "destination.ip"), "related"), makeEntity("ip", firstText(doc, "host.ip"), "related")],
  );
  const externalId =
    firstText(doc, "kibana.alert.uuid", "_id") ??
    // 7.x signals sent without their _id: the rule, the event time and the entities identify them.
    `doc-${stableHash({ ruleId, time: occurredAt.toISOString(), entities })}`;
  return {
    format: "elastic",
    source: "elastic",
    externalId,
    ruleId: `elastic:${ruleId}`,
    title: cleanTitle(ruleName),
    severity: elasticSeverity(doc),
    entities,
    target,
    occurredAt,
    raw: doc,
  };
}

function parseDocs(docs: unknown, rule: TRuleInfo, receivedAt: Date, path: string) {
  const alerts: TNormalizedAlert[] = [];
  const errors: TFieldError[] = [];
  const list = Array.isArray(docs) ? docs : [docs];
  for (const [index, doc] of list.entries()) {
    const docPath = Array.isArray(docs) ? `${path}[${index}]` : path;
    const parsed = ZElasticAlertDoc.safeParse(doc, { reportInput: true });
    if (!parsed.success) {
      errors.push(...prefixErrors(fieldErrorsFromZod(parsed.error), docPath));
      continue;
    }
    const result = toAlert(parsed.data, rule, receivedAt);
    if ("format" in result) alerts.push(result);
    else errors.push(...prefixErrors([result], docPath));
  }
  return errors.length > 0 ? formatErrors(errors) : formatAlerts(alerts);
}

export const parseElastic: TFormatParser = (item, { receivedAt }) => {
  const envelope = envelopeOf(item);
  if (!envelope) return parseDocs(item, {}, receivedAt, "");
  const parsed = ZElasticEnvelope.safeParse(envelope.value, { reportInput: true });
  if (!parsed.success) return formatErrors(fieldErrorsFromZod(parsed.error, envelope.path));
  const rule = { id: textOf(parsed.data.rule?.id), name: textOf(parsed.data.rule?.name) };
  const alertsPath = envelope.path === "" ? "alerts" : `${envelope.path}.alerts`;
  return parseDocs(parsed.data.alerts, rule, receivedAt, alertsPath);
};
