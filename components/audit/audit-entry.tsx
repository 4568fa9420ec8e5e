"use client";

import Link from "next/link";
import { useState } from "react";
import { ReleaseButton } from "@/components/containments/release-button";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import { ACTOR_KIND_LABELS, AUDIT_TYPE_META, INACTION_VERDICTS, VERDICT_LABELS } from "@/lib/domain/audit-types";
import { SLA_LABELS } from "@/lib/domain/escalation-sla";
import type { TAuditFeedEntry } from "@/lib/server/audit-feed/feed-entry";
import { auditFacts } from "./audit-facts";

/** One feed line: the event's sentence, and on demand the full record down to its hashes. */
export function AuditEntry({ entry, verified }: { entry: TAuditFeedEntry; verified: boolean }) {
  const [open, setOpen] = useState(false);
  const meta = AUDIT_TYPE_META[entry.type];
  const verdict = entry.typed?.type === "DECIDED" ? entry.typed.data.verdict : null;
  const inaction = verdict !== null && INACTION_VERDICTS.includes(verdict);
  const reasons = entry.typed?.type === "DECIDED" ? entry.typed.data.reasons : [];
  const detailsId = `audit-${entry.id}-details`;
  return (
    <li className={`py-3 ${inaction ? "border-l-4 border-amber-400 pl-3" : "pl-4"}`} aria-label={`Event ${entry.id}: ${entry.summary}`}>
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
        <span className="font-mono">#{entry.id}</span>
        <Time value={new Date(entry.occurredAt)} />
        <Badge tone={meta.tone}>{meta.label}</Badge>
        {verdict && <Badge tone={inaction ? "amber" : "red"}>{VERDICT_LABELS[verdict]}</Badge>}
        {entry.sla && (entry.sla.state === "overdue" || entry.sla.state === "answered-late") && <Badge tone="red">{SLA_LABELS[entry.sla.state]}</Badge>}
        <span>
          by {entry.actor.name} <span className="text-slate-400">({ACTOR_KIND_LABELS[entry.actor.kind]})</span>
        </span>
        {verified && (
          <span className="text-emerald-700" title="This event's hash chain has been verified">
            ✓ verified
          </span>
        )}
      </div>
      <div className="mt-1 flex items-start justify-between gap-3">
        <p className="text-sm text-slate-900">{entry.summary}</p>
        {entry.releasable && entry.subject.containmentId && entry.subject.value && <ReleaseButton containmentId={entry.subject.containmentId} target={entry.subject.value} />}
      </div>
      {inaction && reasons.length > 0 && (
        <p className="mt-1 text-sm text-amber-900">
          <span className="font-medium">Not acted on because:</span> {reasons.join("; ")}
        </p>
      )}
      <button type="button" className="mt-1 text-xs font-medium text-indigo-700 hover:underline" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
        {open ? "Hide the record" : "Show the record"}
      </button>
      {open && (
        <div id={detailsId} className="mt-2 rounded-md bg-slate-50 p-3 text-sm">
          <EntryRecord entry={entry} />
          <p className="mt-2">
            <Link href={`/audit/${entry.id}`} className="text-indigo-700 hover:underline">
              Event page with its hash chain →
            </Link>
          </p>
        </div>
      )}
    </li>
  );
}

/** The full record: typed facts, references, actor, hashes and the stored data. */
export function EntryRecord({ entry }: { entry: TAuditFeedEntry }) {
  const facts = entry.typed ? auditFacts(entry.typed) : [{ label: "Data", value: "does not match this event type's schema: shown raw below" }];
  const rows: { label: string; value: string; mono?: boolean; href?: string }[] = [
    ...facts,
    ...(entry.subject.kind && entry.subject.value ? [{ label: "Subject", value: `${entry.subject.kind} ${entry.subject.value}`, mono: true }] : []),
    ...(entry.subject.containmentId ? [{ label: "Containment", value: entry.subject.containmentId, mono: true, href: `/containments/${entry.subject.containmentId}` }] : []),
    ...(entry.subject.alertId ? [{ label: "Alert", value: entry.subject.alertId, mono: true }] : []),
    ...(entry.subject.playbookKey ? [{ label: "Playbook", value: entry.subject.playbookKey }] : []),
    ...(entry.subject.policyVersion ? [{ label: "Policy version", value: `v${entry.subject.policyVersion}` }] : []),
    ...(entry.sla ? [{ label: "SLA", value: `${SLA_LABELS[entry.sla.state]} (due ${entry.sla.dueAt}, ${entry.sla.status.toLowerCase()})` }] : []),
    { label: "Actor", value: [entry.actor.name, entry.actor.email, entry.actor.role].filter(Boolean).join(" · ") },
    ...(entry.actor.ip || entry.actor.userAgent ? [{ label: "From", value: [entry.actor.ip, entry.actor.userAgent].filter(Boolean).join(" · ") }] : []),
    { label: "Chain", value: `partition ${entry.partition}, event ${entry.seq}` },
    { label: "Hash", value: entry.hash, mono: true },
    { label: "Previous hash", value: entry.prevHash ?? "none (first event of its chain)", mono: true },
  ];
  return (
    <>
      <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1">
        {rows.map((r, i) => (
          <div key={`${r.label}-${i}`} className="contents">
            <dt className="font-medium text-slate-600">{r.label}</dt>
            <dd className={r.mono ? "break-all font-mono text-xs" : "break-words"}>
              {r.href ? (
                <Link href={r.href} className="text-indigo-700 hover:underline">
                  {r.value}
                </Link>
              ) : (
                r.value
              )}
            </dd>
          </div>
        ))}
      </dl>
      <details className="mt-2">
        <summary className="cursor-pointer text-xs text-slate-600">Stored data (JSON)</summary>
        <pre className="mt-1 overflow-x-auto rounded bg-white p-2 text-xs">{JSON.stringify(entry.data, null, 2)}</pre>
      </details>
    </>
  );
}
