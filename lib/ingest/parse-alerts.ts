// The single entry point for `POST /api/v1/alerts`: any supported format, one alert or a
// batch, in; normalized alerts or field errors that say what to fix, out. Never throws on
// input. A batch is all-or-nothing: one bad item rejects the request, so a sender never
// has to work out which half of its retry was already stored.
import { ALERT_FORMATS, type TAlertFormat, type TNormalizedAlert } from "@/lib/domain/types";
import { detectAlertFormat } from "./detect-format";
import { capErrors, describeValue, prefixErrors, prefixPath, type TFieldError } from "./field-errors";
import type { TFormatParser, TPostableAlertFormat, TSkippedItem } from "./format-result";
import { parseAlertmanager } from "./formats/alertmanager";
import { parseCrowdsec } from "./formats/crowdsec";
import { parseElastic } from "./formats/elastic";
import { parseGenericAlert } from "./formats/generic";
import { parseOcsf } from "./formats/ocsf";
import { parseSplunk } from "./formats/splunk";
import { parseWazuh } from "./formats/wazuh";
import { isRecord } from "./read-fields";

/** Most alerts one request may carry (items posted, and alerts they expand to). */
export const MAX_ALERT_BATCH = 5000;

const PARSERS: Record<TPostableAlertFormat, TFormatParser> = {
  generic: parseGenericAlert,
  alertmanager: parseAlertmanager,
  ocsf: parseOcsf,
  elastic: parseElastic,
  splunk: parseSplunk,
  wazuh: parseWazuh,
  crowdsec: parseCrowdsec,
};

export const POSTABLE_ALERT_FORMATS = ALERT_FORMATS.filter(
  (f): f is TPostableAlertFormat => f !== "reflex-detector",
);

export type TParseAlertsResult =
  | { ok: true; format: TAlertFormat; alerts: TNormalizedAlert[]; skipped: TSkippedItem[] }
  | { ok: false; errors: TFieldError[] };

type TItems = { items: unknown[]; pathOf: (index: number) => string };

function fail(path: string, message: string): TParseAlertsResult {
  return { ok: false, errors: [{ path, message }] };
}

/** A JSON array is a batch; so is Reflex's own `{ "alerts": [...] }` envelope. */
function itemsOf(body: unknown, format: TPostableAlertFormat | null): TItems {
  if (Array.isArray(body)) return { items: body, pathOf: (i) => `[${i}]` };
  if (isRecord(body) && Array.isArray(body.alerts) && (format ?? detectAlertFormat(body)) === "generic") {
    const alerts: unknown[] = body.alerts;
    return { items: alerts, pathOf: (i) => `alerts[${i}]` };
  }
  return { items: [body], pathOf: () => "" };
}

export function parseAlertPayload(
  body: unknown,
  opts: { format?: TAlertFormat; receivedAt: Date },
): TParseAlertsResult {
  const named = opts.format;
  if (named === "reflex-detector") {
    return fail("", "reflex-detector alerts are raised by Reflex itself and cannot be posted");
  }
  if (!isRecord(body) && !Array.isArray(body)) {
    return fail("", `expected a JSON object or an array of objects, not ${describeValue(body)}`);
  }
  const { items, pathOf } = itemsOf(body, named ?? null);
  if (items.length === 0) return fail("", "the payload holds no alerts");
  if (items.length > MAX_ALERT_BATCH) {
    return fail("", `${items.length} alerts in one request; send at most ${MAX_ALERT_BATCH} per request`);
  }
  const format = named ?? detectAlertFormat(items[0]);
  if (format === null) {
    return fail(
      pathOf(0),
      `could not tell which alert format this is: name it (one of ${POSTABLE_ALERT_FORMATS.join(", ")}) ` +
        "or see docs/ALERT-FORMATS.md for the fields each format needs",
    );
  }
  const parse = PARSERS[format];
  const alerts: TNormalizedAlert[] = [];
  const skipped: TSkippedItem[] = [];
  const errors: TFieldError[] = [];
  items.forEach((item, index) => {
    const result = parse(item, { receivedAt: opts.receivedAt });
    const prefix = pathOf(index);
    if (!result.ok) {
      errors.push(...prefixErrors(result.errors, prefix));
      return;
    }
    alerts.push(...result.alerts);
    skipped.push(...result.skipped.map((s) => ({ path: prefixPath(prefix, s.path), reason: s.reason })));
  });
  if (errors.length > 0) return { ok: false, errors: capErrors(errors) };
  if (alerts.length > MAX_ALERT_BATCH) {
    return fail("", `the payload expands to ${alerts.length} alerts; send at most ${MAX_ALERT_BATCH} per request`);
  }
  return { ok: true, format, alerts, skipped };
}
