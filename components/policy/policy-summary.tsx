import { Badge } from "@/components/ui/badge";
import { Table, Td } from "@/components/ui/table";
import { assetClassLabel } from "@/lib/domain/asset-class";
import { formatShortDuration } from "@/lib/domain/go-duration";
import { ACTION_LABELS, type TPolicyDocument } from "@/lib/domain/types";

const MODE_TONE = { autonomous: "red", escalate: "blue", forbidden: "gray", shadow: "violet" } as const;

/** The cells that differ from "escalate": what Reflex may do alone, rehearse, or never do. */
export function PolicySummary({ document }: { document: TPolicyDocument }) {
  const notable = document.rules.filter((r) => r.mode !== "escalate");
  return (
    <div className="space-y-3 text-sm">
      <p>
        Everything not listed escalates to the SOC. Fail mode when context is unreachable: <strong>{document.failMode}</strong>. Escalation SLA:{" "}
        <strong>{document.escalationSlaMinutes} min</strong>. Default rule for unregistered assets: <strong>{document.defaultRule.mode}</strong>.
      </p>
      {notable.length > 0 && (
        <Table caption="Policy cells other than escalate" head={["Action", "Asset class", "Mode", "Min confidence", "Max blast radius", "TTL"]}>
          {notable.map((r) => (
            <tr key={`${r.action}/${r.assetClass}`}>
              <Td>{ACTION_LABELS[r.action]}</Td>
              <Td>{assetClassLabel(r.assetClass)}</Td>
              <Td>
                <Badge tone={MODE_TONE[r.mode]}>{r.mode}</Badge>
              </Td>
              <Td>{r.minConfidence.toFixed(2)}</Td>
              <Td>{r.maxBlastRadius}</Td>
              <Td>{formatShortDuration(r.ttlSeconds)}</Td>
            </tr>
          ))}
        </Table>
      )}
      {document.rationale && <p className="text-slate-600">Rationale: {document.rationale}</p>}
    </div>
  );
}
