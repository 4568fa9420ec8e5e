// Prometheus Alertmanager webhook (receiver `webhook_configs`, payload version 4): one
// notification groups several alerts; each firing entry becomes one Reflex alert.
import { z } from "zod";
import type { TNormalizedAlert } from "@/lib/domain/types";
import { assembleEntities, canonicalIp, hostOrIpEntity, makeEntity } from "../entities";
import { fieldErrorsFromZod } from "../field-errors";
import { cleanTitle, formatAlerts, formatErrors, type TFormatParser, type TSkippedItem } from "../format-result";
import { textOf } from "../read-fields";
import { DEFAULT_SEVERITY, severityFromWord } from "../severity";
import { stableHash } from "../stable-hash";
import { plausibleTime } from "../timestamps";

const ZStringMap = z.record(z.string(), z.string());

export const ZAlertmanagerAlert = z.looseObject({
  status: z.string().optional(),
  labels: ZStringMap,
  annotations: z.record(z.string(), z.unknown()).optional().catch(undefined),
  startsAt: z.string().optional(),
  fingerprint: z.string().optional(),
});

export const ZAlertmanagerPayload = z.looseObject({
  receiver: z.string().optional(),
  status: z.string().optional(),
  alerts: z.array(ZAlertmanagerAlert),
});

type TAlertmanagerAlert = z.infer<typeof ZAlertmanagerAlert>;

/** "10.0.0.1:9100", "[2001:db8::1]:9100", "http://web-01:80/health" → the host part. */
function instanceHost(instance: string): string {
  if (canonicalIp(instance)) return instance;
  if (instance.includes("://")) {
    try {
      return new URL(instance).hostname.replace(/^\[|\]$/g, "");
    } catch {
      return instance;
    }
  }
  const bracketed = /^\[(.+)\]:\d+$/.exec(instance);
  if (bracketed?.[1]) return bracketed[1];
  const withPort = /^([^:]+):\d+$/.exec(instance);
  return withPort?.[1] ?? instance;
}

function entitiesFrom(labels: Record<string, string>) {
  const label = (key: string) => (Object.hasOwn(labels, key) ? labels[key] : undefined);
  const instance = label("instance");
  // An attacker's address first: that is what a security rule labels src_ip & co.
  return assembleEntities([
    makeEntity("ip", label("src_ip"), "source"),
    makeEntity("ip", label("srcip"), "source"),
    makeEntity("ip", label("source_ip"), "source"),
    makeEntity("ip", label("ip"), "source"),
    makeEntity("account", label("user"), "related"),
    makeEntity("account", label("account"), "related"),
    hostOrIpEntity(label("host"), "related"),
    hostOrIpEntity(label("hostname"), "related"),
    hostOrIpEntity(instance === undefined ? undefined : instanceHost(instance), "related"),
  ]);
}

function toAlert(entry: TAlertmanagerAlert, receivedAt: Date): TNormalizedAlert {
  const labels = entry.labels;
  const annotations = entry.annotations ?? {};
  const alertname = textOf(labels.alertname) ?? "unnamed";
  const startsAt = plausibleTime(entry.startsAt);
  const identity = entry.fingerprint ? entry.fingerprint : `labels-${stableHash(labels)}`;
  // Alertmanager repeats a firing alert with the same startsAt; a new episode of the same
  // labels starts later and must be a new alert, not a duplicate of the old one.
  const externalId = startsAt ? `${identity}@${startsAt.toISOString()}` : identity;
  const title =
    textOf(annotations.summary) ?? textOf(annotations.title) ?? textOf(annotations.description) ?? alertname;
  return {
    format: "alertmanager",
    source: "alertmanager",
    externalId,
    ruleId: `alertmanager:${alertname}`,
    title: cleanTitle(title),
    severity: severityFromWord(labels.severity) ?? DEFAULT_SEVERITY,
    ...entitiesFrom(labels),
    occurredAt: startsAt ?? receivedAt,
    raw: entry,
  };
}

export const parseAlertmanager: TFormatParser = (item, { receivedAt }) => {
  const parsed = ZAlertmanagerPayload.safeParse(item, { reportInput: true });
  if (!parsed.success) return formatErrors(fieldErrorsFromZod(parsed.error));
  const alerts: TNormalizedAlert[] = [];
  const skipped: TSkippedItem[] = [];
  parsed.data.alerts.forEach((entry, index) => {
    // A resolved notification reports that something stopped; containing on it would act
    // on an episode that is already over (and may never have been seen firing).
    if (entry.status === "resolved") {
      skipped.push({ path: `alerts[${index}]`, reason: "resolved: Reflex acts on firing alerts only" });
    } else {
      alerts.push(toAlert(entry, receivedAt));
    }
  });
  return formatAlerts(alerts, skipped);
};
