import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import type { TPointState } from "@/lib/domain/enforcement-status";
import type { TEnforcementStatus } from "@/lib/server/lookup/load-enforcement-status";
import { AutoRefresh } from "./auto-refresh";

// "Release is done when enforcement says so": per firewall feed and bouncer, whether it
// has pulled this containment's latest change, and which ones stopped pulling.

const STATE: Record<TPointState, { label: string; tone: "green" | "amber" | "red" | "gray" }> = {
  applied: { label: "enforced", tone: "green" },
  waiting: { label: "waiting", tone: "amber" },
  stopped: { label: "stopped pulling", tone: "red" },
  "never-pulled": { label: "never pulled", tone: "gray" },
};

export function EnforcementStatus({ status, connector }: { status: TEnforcementStatus | null; connector: string }) {
  if (!status) {
    return (
      <Card title="Enforcement">
        <p className="text-sm text-slate-600">Not enforced through the firewall feed or bouncers: the {connector} connector carries it out.</p>
      </Card>
    );
  }
  const waiting = status.points.some((p) => p.state === "waiting");
  return (
    <Card title="Enforcement" description={<>After {status.change.label} at <Time value={new Date(status.change.at)} /></>}>
      <p role="status" data-testid="enforcement-summary" className="text-sm font-medium text-slate-900">
        {status.summary.sentence}
      </p>
      {status.points.length > 0 && (
        <ul className="mt-3 space-y-2 text-sm" aria-label="Enforcement points">
          {status.points.map((p) => (
            <li key={p.name} className="flex items-start gap-2">
              <Badge tone={p.stopped && p.state === "applied" ? "red" : STATE[p.state].tone}>{p.stopped && p.state === "applied" ? "stopped pulling" : STATE[p.state].label}</Badge>
              <span>
                {p.sentence} <span className="text-xs text-slate-500">({p.scope})</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {/* While a point has yet to pull, look again every few seconds. */}
      <AutoRefresh enabled={waiting} everyMs={3000} />
    </Card>
  );
}
