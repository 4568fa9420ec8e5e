// Splunk's webhook alert action: the search's first result row plus search metadata.
// Field names in `result` follow the Common Information Model (src, dest, user) when the
// search was written for it; older searches use src_ip/srcip/username, so both are read.
import { z } from "zod";
import { assembleEntities, hostOrIpEntity, makeEntity } from "../entities";
import { fieldErrorsFromZod } from "../field-errors";
import { cleanTitle, formatAlerts, formatErrors, type TFormatParser } from "../format-result";
import { textOf } from "../read-fields";
import { DEFAULT_SEVERITY, severityFromWord } from "../severity";
import { stableHash } from "../stable-hash";
import { firstTime } from "../timestamps";

export const ZSplunkWebhook = z.looseObject({
  sid: z.string().trim().min(1),
  search_name: z.string().nullable().optional(),
  result: z.record(z.string(), z.unknown()),
});

export const parseSplunk: TFormatParser = (item, { receivedAt }) => {
  const parsed = ZSplunkWebhook.safeParse(item, { reportInput: true });
  if (!parsed.success) return formatErrors(fieldErrorsFromZod(parsed.error));
  const { sid, result } = parsed.data;
  const searchName = textOf(parsed.data.search_name);
  const field = (key: string) => (Object.hasOwn(result, key) ? textOf(result[key]) : undefined);
  // `host` is the machine that logged the event (Splunk metadata), so it comes last.
  const { entities, target } = assembleEntities(
    [
      makeEntity("ip", field("src_ip"), "source"),
      makeEntity("ip", field("srcip"), "source"),
      makeEntity("ip", field("source_ip"), "source"),
      hostOrIpEntity(field("src"), "source"),
      makeEntity("account", field("user"), "related"),
      makeEntity("account", field("src_user"), "source"),
      makeEntity("account", field("username"), "related"),
      hostOrIpEntity(field("dest"), "related"),
      hostOrIpEntity(field("host"), "related"),
    ],
    [makeEntity("ip", field("dest_ip"), "related")],
  );
  return formatAlerts([
    {
      format: "splunk",
      source: searchName ? `splunk:${searchName}` : "splunk",
      // One search run (sid) can fire once per result row: the row tells them apart.
      externalId: `${sid}:${stableHash(result)}`,
      ruleId: `splunk:${searchName ?? "unnamed search"}`,
      title: cleanTitle(searchName ?? `Splunk alert ${sid}`),
      severity: severityFromWord(field("severity")) ?? severityFromWord(field("urgency")) ?? DEFAULT_SEVERITY,
      entities,
      target,
      occurredAt: firstTime(receivedAt, field("_time")),
      raw: item,
    },
  ]);
};
