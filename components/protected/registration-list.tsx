import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { assetClassLabel } from "@/lib/domain/asset-class";
import { daysUntilExpiry, registrationStanding } from "@/lib/domain/registration-expiry";
import { describeMergedRequirements, type TOverlap } from "@/lib/domain/registration-overlaps";
import { strictestRequirements } from "@/lib/domain/requirements";
import { describeWindow } from "@/lib/domain/maintenance-window";
import { ACTION_LABELS } from "@/lib/domain/types";
import type { TRegistrationView } from "@/lib/server/protected/registration-view";
import { DeleteRegistrationButton } from "./delete-registration-button";
import { HandOverButton } from "./hand-over-button";
import { RecertifyButton } from "./recertify-button";
import { SELECTOR_KIND_LABELS } from "./selector-kind-labels";

const CRITICALITY_TONE = { CRITICAL: "red", HIGH: "amber", MEDIUM: "blue", LOW: "gray" } as const;

function Standing({ expiresAt, now }: { expiresAt: Date | null; now: Date }) {
  const standing = registrationStanding(expiresAt, now);
  if (standing === "expired") return <Badge tone="red">expired: not protecting</Badge>;
  if (standing === "expiring" && expiresAt) return <Badge tone="amber">expires in {daysUntilExpiry(expiresAt, now)} d</Badge>;
  return <Badge tone="green">protecting</Badge>;
}

function requirementLines(reg: TRegistrationView): string[] {
  const r = reg.requirements;
  return [
    describeMergedRequirements(strictestRequirements([{ ...reg, ownerName: reg.owner.name }])),
    ...(r.preferredAction ? [`prefers ${ACTION_LABELS[r.preferredAction]}`] : []),
    ...r.maintenanceWindows.map((w) => `window ${describeWindow(w)}`),
  ];
}

export function RegistrationList({
  registrations,
  overlaps,
  canEdit,
  owners,
  now,
  linkToPage = true,
}: {
  registrations: TRegistrationView[];
  overlaps: Map<string, TOverlap>;
  canEdit: boolean;
  owners: { id: string; name: string }[];
  now: Date;
  linkToPage?: boolean;
}) {
  return (
    <ul className="divide-y divide-slate-200" aria-label="Registrations">
      {registrations.map((reg) => {
        const overlap = overlaps.get(reg.id);
        const name = reg.selector.value;
        return (
          <li key={reg.id} className="py-4" aria-labelledby={`reg-${reg.id}`}>
            <div className="flex flex-wrap items-start justify-between gap-4">
              <div className="min-w-0 space-y-1">
                <h3 id={`reg-${reg.id}`} className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
                  {linkToPage ? (
                    <Link href={`/assets/${reg.id}`} className="font-mono text-indigo-700 hover:underline">
                      {name}
                    </Link>
                  ) : (
                    <span className="font-mono">{name}</span>
                  )}
                  <span className="text-xs font-normal text-slate-500">{SELECTOR_KIND_LABELS[reg.selector.kind]}</span>
                  <Badge tone={CRITICALITY_TONE[reg.criticality]}>{reg.criticality.toLowerCase()}</Badge>
                  <Standing expiresAt={reg.expiresAt} now={now} />
                </h3>
                <p className="text-sm text-slate-700">
                  {reg.businessService}
                  {reg.businessUnit && <span className="text-slate-500"> · {reg.businessUnit}</span>} · {assetClassLabel(reg.assetClass)} · owner {reg.owner.name} · on call {reg.onCallContact}
                </p>
                <p className="text-sm text-slate-600">Requirements: {requirementLines(reg).join("; ")}</p>
                <p className="text-xs text-slate-500">
                  Certified <Time value={reg.certifiedAt} /> · expires <Time value={reg.expiresAt} />
                  {reg.campaign && <> · cadence {reg.campaign.cadenceDays} days ({reg.campaign.name})</>}
                </p>
                {overlap && (
                  <div role="note" className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
                    <p>{overlap.sentence}</p>
                    {overlap.conflicts.length > 0 && (
                      <details className="mt-1">
                        <summary className="cursor-pointer text-xs font-medium">Where the registrations disagree</summary>
                        <ul className="mt-1 list-disc pl-5 text-xs">
                          {overlap.conflicts.map((c) => (
                            <li key={c}>{c}</li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </div>
                )}
              </div>
              {canEdit && (
                <div className="flex flex-wrap items-start gap-2">
                  <RecertifyButton id={reg.id} selector={name} />
                  <Link href={`/assets/${reg.id}/edit`} className={buttonClass("ghost")} aria-label={`Edit ${name}`}>
                    Edit
                  </Link>
                  <HandOverButton id={reg.id} selector={name} owners={owners.filter((o) => o.id !== reg.owner.id)} />
                  <DeleteRegistrationButton id={reg.id} selector={name} />
                </div>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
