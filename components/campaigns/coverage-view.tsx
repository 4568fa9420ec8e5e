import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { TCoverageResult } from "@/lib/server/campaigns/load-campaign-coverage";

const UNREGISTERED_SHOWN = 50;

function percent(part: number, whole: number): string {
  return whole === 0 ? "—" : `${Math.round((part / whole) * 100)} %`;
}

/** Registered vs. expected for one campaign; the definitions are spelled out on the page. */
export function CoverageView({ coverage, daysLeftLabel }: { coverage: TCoverageResult; daysLeftLabel: string }) {
  const { expected, covered, registrations, byOwner, unregistered } = coverage;
  return (
    <div className="space-y-5">
      <dl className="grid gap-4 sm:grid-cols-4" aria-label="Coverage totals">
        {[
          ["Expected", expected],
          ["Covered by a registration", `${covered} (${percent(covered, expected)})`],
          ["Registrations in scope", registrations],
          ["Deadline", daysLeftLabel],
        ].map(([label, value]) => (
          <div key={label} className="rounded-md border border-slate-200 px-4 py-3">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="mt-1 text-xl font-semibold" data-testid={`coverage-${String(label).toLowerCase().replaceAll(" ", "-")}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-slate-600">
        <strong>Expected</strong>: distinct IP addresses, hosts and accounts seen in alerts (targets and the entities they name) and in context events since <Time value={coverage.since} /> (one
        cadence before the campaign opened), that fall in the campaign&apos;s scope. A registered entity is in scope when its registration&apos;s asset class or business unit is; an unregistered one
        when the asset class Reflex infers for it is (it has no business unit). <strong>Covered</strong>: expected entities an active registration matches. <strong>Registrations in scope</strong>
        : active registrations whose class or business unit is in scope, seen or not.
      </p>
      {byOwner.length === 0 ? (
        <EmptyState title="No registrations in scope yet">Owners have not registered anything this campaign covers.</EmptyState>
      ) : (
        <Table caption="Coverage by owner and business unit" head={["Owner", "Business unit", "Registrations", "Seen entities covered"]}>
          {byOwner.map((r) => (
            <tr key={`${r.ownerName}/${r.businessUnit}`}>
              <Td>{r.ownerName}</Td>
              <Td>{r.businessUnit || "—"}</Td>
              <Td>{r.registrations}</Td>
              <Td>{r.seenCovered}</Td>
            </tr>
          ))}
        </Table>
      )}
      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-900">Seen but not registered ({unregistered.length})</h3>
        {unregistered.length === 0 ? (
          <EmptyState title="Nothing seen is missing a registration">Every entity in scope seen in alerts and context events is covered.</EmptyState>
        ) : (
          <Table caption="Seen but not registered" head={["Entity", "Inferred class", "Sightings", "Last seen"]}>
            {unregistered.slice(0, UNREGISTERED_SHOWN).map((u) => (
              <tr key={`${u.kind}:${u.value}`}>
                <Td mono>
                  {u.kind}:{u.value}
                </Td>
                <Td>{u.assetClass}</Td>
                <Td>{u.sightings}</Td>
                <Td>
                  <Time value={u.lastSeen} />
                </Td>
              </tr>
            ))}
          </Table>
        )}
        {unregistered.length > UNREGISTERED_SHOWN && <p className="mt-2 text-xs text-slate-600">The {UNREGISTERED_SHOWN} most seen are shown.</p>}
      </div>
    </div>
  );
}
