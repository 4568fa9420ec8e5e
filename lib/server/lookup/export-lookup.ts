import "server-only";
import type { TDb } from "@/lib/db/client";
import { csvLine } from "@/lib/domain/csv";
import type { TLookupTarget } from "@/lib/domain/lookup-query";
import type { TAuditFeedEntry } from "@/lib/server/audit-feed/feed-entry";
import type { TFeedQuery } from "@/lib/server/audit-feed/feed-query";
import { listAuditEvents } from "@/lib/server/audit-feed/list-audit-events";
import type { TMatchingContainment } from "./find-matching-containments";
import type { TSignal } from "./find-signals";
import { lookupEntity } from "./lookup-entity";

// The lookup as a file for the incident record: containments, signals, then the whole
// audit trail of the window (paged through the feed, so memory stays flat), as CSV or as
// JSON Lines (one record a line, the same objects the API answers).

export const EXPORT_FORMATS = ["csv", "jsonl"] as const;
export type TExportFormat = (typeof EXPORT_FORMATS)[number];

/** At most this many audit events per file: an export is a record of an incident, not a backup. */
export const EXPORT_MAX_EVENTS = 100_000;
const PAGE = 500;

const CSV_HEAD = ["record", "id", "time", "entity_kind", "entity_value", "what", "status", "severity", "verdict", "summary", "policy_version", "playbook", "actor", "hash", "prev_hash"];

function containmentCells(c: TMatchingContainment): unknown[] {
  const released = c.releasedByName ? ` — released by ${c.releasedByName}: ${c.releaseReason ?? ""}` : "";
  return ["containment", c.id, c.createdAt, c.targetKind, c.targetValue, c.action, c.status, "", c.decision?.verdict ?? "", `${c.reason}${released}`, c.policyVersion, c.playbookKey, c.releasedByName ?? "", "", ""];
}

function signalCells(s: TSignal): unknown[] {
  const escalated = s.decisions.flatMap((d) => (d.escalation ? [`escalated to ${d.escalation.approver ?? "the SOC queue"} (${d.escalation.sla})`] : []));
  const how = s.matchedAs === "target" ? "" : ` (names ${s.matchedEntity.kind} ${s.matchedEntity.value} as ${s.matchedAs})`;
  return ["signal", s.id, s.receivedAt, s.targetKind, s.targetValue, `${s.ruleId}: ${s.title}${how}`, s.status, s.severity, s.decisions.map((d) => d.verdict).join(" "), [s.title, ...escalated].join("; "), s.decisions[0]?.policyVersion ?? "", s.decisions[0]?.playbookKey ?? "", s.source, "", ""];
}

function auditCells(e: TAuditFeedEntry): unknown[] {
  const verdict = e.typed?.type === "DECIDED" ? e.typed.data.verdict : "";
  return ["audit", e.id, e.occurredAt, e.subject.kind, e.subject.value, e.type, "", "", verdict, e.summary, e.subject.policyVersion, e.subject.playbookKey, e.actor.name, e.hash, e.prevHash];
}

function line(format: TExportFormat, record: string, value: object, cells: unknown[]): string {
  return format === "csv" ? csvLine(cells) : `${JSON.stringify({ record, ...value })}\n`;
}

/** A stream of the export's lines; the audit trail is read page by page as the client reads. */
export function exportLookup(client: TDb, options: { format: TExportFormat; query: TFeedQuery & { entity: { targets: TLookupTarget[] }; from: Date; to: Date } }): ReadableStream<Uint8Array> {
  const { format, query } = options;
  const encoder = new TextEncoder();
  let stage: "head" | "events" | "done" = "head";
  let cursor: bigint | null = null;
  let written = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (stage === "head") {
          const lookup = await lookupEntity(client, { targets: query.entity.targets, from: query.from, to: query.to });
          const lines = [
            ...(format === "csv" ? [csvLine(CSV_HEAD)] : []),
            ...lookup.containments.map((c) => line(format, "containment", c, containmentCells(c))),
            ...lookup.signals.map((s) => line(format, "signal", s, signalCells(s))),
          ];
          controller.enqueue(encoder.encode(lines.join("")));
          stage = "events";
          return;
        }
        if (stage === "events") {
          const page = await listAuditEvents(client, { ...query, cursor, limit: Math.min(PAGE, EXPORT_MAX_EVENTS - written) });
          controller.enqueue(encoder.encode(page.events.map((e) => line(format, "audit", e, auditCells(e))).join("")));
          written += page.events.length;
          cursor = page.nextCursor ? BigInt(page.nextCursor) : null;
          if (cursor === null || written >= EXPORT_MAX_EVENTS) stage = "done";
          return;
        }
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
}
