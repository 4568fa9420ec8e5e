import Link from "next/link";
import { ReleaseButton } from "@/components/containments/release-button";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import type { TLookupResult } from "@/lib/server/lookup/lookup-entity";

// "Did Reflex contain anything matching this, when, why, is it still active?" — one card
// per containment, with the release valve right there for whoever may use it.

type TContainment = TLookupResult["containments"][number];

const TONE = { PENDING: "amber", ACTIVE: "red", RELEASED: "green", EXPIRED: "gray", FAILED: "violet" } as const;

function stillActive(c: TContainment): string {
  switch (c.status) {
    case "ACTIVE":
      return "Yes, in force";
    case "PENDING":
      return "Being enforced (connector call pending)";
    case "RELEASED":
      return `No: released by ${c.releasedByName ?? "someone"}${c.releaseReason ? ` — ${c.releaseReason}` : ""}`;
    case "EXPIRED":
      return "No: its time ran out";
    case "FAILED":
      return `No: it could not be enforced${c.lastError ? ` (${c.lastError})` : ""}`;
  }
}

export function ContainmentAnswers({ containments, releasable }: { containments: TContainment[]; releasable: ReadonlySet<string> }) {
  return (
    <ul className="space-y-3" aria-label="Matching containments">
      {containments.map((c) => (
        <li key={c.id} className="rounded-md border border-slate-200 p-4" aria-label={`Containment of ${c.targetValue}`}>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div>
              <p className="text-sm font-semibold text-slate-900">
                <Link href={`/containments/${c.id}`} className="font-mono text-indigo-700 hover:underline">
                  {c.targetValue}
                </Link>{" "}
                · {c.action} <Badge tone={TONE[c.status]}>{c.status.toLowerCase()}</Badge>
              </p>
              <p className="mt-1 text-sm text-slate-800">{c.reason}</p>
            </div>
            {releasable.has(c.id) && <ReleaseButton containmentId={c.id} target={c.targetValue} />}
          </div>
          <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[9rem_1fr]">
            <dt className="font-medium text-slate-600">When</dt>
            <dd>
              <Time value={c.activatedAt ?? c.createdAt} /> → {c.endedAt ? <Time value={c.endedAt} /> : <>expires <Time value={c.expiresAt} /></>}
            </dd>
            <dt className="font-medium text-slate-600">Still active?</dt>
            <dd>{stillActive(c)}</dd>
            <dt className="font-medium text-slate-600">Under</dt>
            <dd>
              {c.policyVersion ? `policy v${c.policyVersion}` : "no signed policy (approved by an analyst)"}
              {c.playbookKey ? `, playbook ${c.playbookKey}${c.decision ? ` v${c.decision.playbookVersion}` : ""}` : ""}
            </dd>
            {c.decision && (
              <>
                <dt className="font-medium text-slate-600">Why</dt>
                <dd>
                  {c.decision.alert ? `${c.decision.alert.title} (${c.decision.alert.severity}). ` : ""}
                  {c.decision.reasons.join("; ")}
                </dd>
              </>
            )}
            {c.enforcement && (
              <>
                <dt className="font-medium text-slate-600">Enforcement</dt>
                <dd>
                  {c.enforcement.summary.sentence}
                  {c.enforcement.points.length > 0 && (
                    <ul className="mt-1 list-disc pl-5 text-xs text-slate-600">
                      {c.enforcement.points.map((p) => (
                        <li key={p.name} className={p.stopped ? "text-red-700" : undefined}>
                          {p.sentence}
                        </li>
                      ))}
                    </ul>
                  )}
                </dd>
              </>
            )}
          </dl>
        </li>
      ))}
    </ul>
  );
}
