// OCSF findings: Detection Finding (class_uid 2004, OCSF 1.1+) and the older Security
// Finding (2001, OCSF 1.0, e.g. Prowler v3), which is only accepted when it names
// something Reflex can act on, because most 2001s are posture checks with nothing to contain.
import { z } from "zod";
import type { TEntity, TSeverity } from "@/lib/domain/types";
import { assembleEntities, hostOrIpEntity, makeEntity } from "../entities";
import { fieldErrorsFromZod } from "../field-errors";
import { cleanTitle, formatAlerts, formatErrors, type TFormatParser } from "../format-result";
import { firstText, isRecord, readPath } from "../read-fields";
import { DEFAULT_SEVERITY, severityFromWord } from "../severity";
import { firstTime } from "../timestamps";

export const OCSF_DETECTION_FINDING = 2004;
export const OCSF_SECURITY_FINDING = 2001;

export const ZOcsfFinding = z.looseObject({
  class_uid: z.number().int(),
  severity_id: z.number().int().optional().catch(undefined),
  resources: z.array(z.unknown()).optional().catch(undefined),
});

const SEVERITY_IDS: Record<number, TSeverity> = {
  1: "info",
  2: "low",
  3: "medium",
  4: "high",
  5: "critical",
  6: "critical", // "Fatal"
};

// Resource types that name a machine, whose `name` is then a host to isolate.
const MACHINE_TYPE = /ec2\W*instance|virtual\W*machine|compute\W*instance|^(host|server|computer|device|instance)$/i;

function resourceEntities(resource: unknown): (TEntity | null)[] {
  if (!isRecord(resource)) return [];
  const type = firstText(resource, "type") ?? "";
  return [
    hostOrIpEntity(firstText(resource, "hostname"), "related"),
    makeEntity("ip", firstText(resource, "ip"), "related"),
    MACHINE_TYPE.test(type) ? hostOrIpEntity(firstText(resource, "name"), "related") : null,
  ];
}

function ocsfSeverity(finding: unknown, severityId: number | undefined): TSeverity {
  const byId = severityId === undefined ? undefined : SEVERITY_IDS[severityId];
  return byId ?? severityFromWord(readPath(finding, "severity")) ?? DEFAULT_SEVERITY;
}

export const parseOcsf: TFormatParser = (item, { receivedAt }) => {
  const parsed = ZOcsfFinding.safeParse(item, { reportInput: true });
  if (!parsed.success) return formatErrors(fieldErrorsFromZod(parsed.error));
  const { class_uid: classUid, severity_id: severityId, resources = [] } = parsed.data;
  if (classUid !== OCSF_DETECTION_FINDING && classUid !== OCSF_SECURITY_FINDING) {
    return formatErrors([
      {
        path: "class_uid",
        message: `${classUid} is not a finding Reflex reads: send Detection Findings (2004) or Security Findings (2001)`,
      },
    ]);
  }
  // 1.1+ puts the id in finding_info, 1.0 (class 2001) in finding.
  const uid = firstText(item, "finding_info.uid", "finding.uid", "metadata.uid");
  if (uid === undefined) {
    return formatErrors([{ path: "finding_info.uid", message: "is required: the finding's unique id, so retries dedupe" }]);
  }
  // The attacker's endpoint first, then the acting identity, then the affected machines.
  const { entities, target } = assembleEntities(
    [
      makeEntity("ip", firstText(item, "src_endpoint.ip"), "source"),
      hostOrIpEntity(firstText(item, "src_endpoint.hostname"), "source"),
      makeEntity("account", firstText(item, "actor.user.name", "actor.user.uid"), "source"),
      ...resources.flatMap(resourceEntities),
      hostOrIpEntity(firstText(item, "device.hostname"), "related"),
      makeEntity("ip", firstText(item, "device.ip"), "related"),
    ],
    [
      makeEntity("ip", firstText(item, "dst_endpoint.ip"), "related"),
      hostOrIpEntity(firstText(item, "dst_endpoint.hostname"), "related"),
    ],
  );
  if (classUid === OCSF_SECURITY_FINDING && entities.length === 0) {
    return formatErrors([
      {
        path: "",
        message:
          "a Security Finding (class_uid 2001) is accepted only when it names an IP, host or account " +
          "(src_endpoint, actor.user, resources[].hostname/ip, device, dst_endpoint); this one names none",
      },
    ]);
  }
  const product = firstText(item, "metadata.product.name");
  const title = firstText(item, "finding_info.title", "finding.title", "message") ?? `OCSF finding ${uid}`;
  const rule =
    firstText(
      item,
      "finding_info.analytic.uid",
      "finding_info.analytic.name",
      "metadata.event_code",
      "metadata.product.feature.uid",
    ) ?? title;
  return formatAlerts([
    {
      format: "ocsf",
      source: product ? `ocsf:${product}` : "ocsf",
      externalId: uid,
      ruleId: `ocsf:${rule}`,
      title: cleanTitle(title),
      severity: ocsfSeverity(item, severityId),
      entities,
      target,
      occurredAt: firstTime(
        receivedAt,
        readPath(item, "time_dt"),
        readPath(item, "time"),
        readPath(item, "finding_info.created_time"),
      ),
      raw: item,
    },
  ]);
};
