import { Badge } from "@/components/ui/badge";
import { confidenceText, ttlText } from "@/lib/domain/policy-wording";
import type { TPolicyCell } from "@/lib/domain/types";

export const MODE_TONE = { autonomous: "red", escalate: "blue", forbidden: "gray", shadow: "violet" } as const;

/** What one grid cell says, compactly: the mode, then the thresholds that matter for it. */
export function CellSummary({ cell, inherited = false }: { cell: TPolicyCell; inherited?: boolean }) {
  const acts = cell.mode === "autonomous" || cell.mode === "shadow";
  return (
    <span className={`flex flex-col items-start gap-0.5 text-xs ${inherited ? "opacity-60" : ""}`}>
      <Badge tone={MODE_TONE[cell.mode]}>{cell.mode}</Badge>
      {acts && (
        <span className="whitespace-nowrap text-slate-600">
          ≥ {confidenceText(cell.minConfidence)} · ≤ {cell.maxBlastRadius} · {ttlText(cell.ttlSeconds)}
        </span>
      )}
      {acts && (cell.requireContext || cell.allowIrreversible) && (
        <span className="whitespace-nowrap text-slate-500">
          {[cell.requireContext ? "context" : null, cell.allowIrreversible ? "irreversible ok" : null].filter(Boolean).join(" · ")}
        </span>
      )}
      {inherited && <span className="italic text-slate-500">default rule</span>}
    </span>
  );
}
