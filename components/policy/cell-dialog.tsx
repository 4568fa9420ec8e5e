"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { parseDuration } from "@/lib/domain/go-duration";
import { IRREVERSIBLE_ACTIONS, ZEditablePolicyCell, ZEditablePolicyRule } from "@/lib/domain/policy-schema";
import { ttlText } from "@/lib/domain/policy-wording";
import { ACTION_LABELS, POLICY_MODES, type TActionType, type TPolicyCell } from "@/lib/domain/types";

export type TCellTarget = { kind: "rule"; action: TActionType; assetClass: string; label: string; written: boolean } | { kind: "default" };

const MODE_HELP: Record<TPolicyCell["mode"], string> = {
  autonomous: "executes on its own when every threshold below holds; otherwise escalates",
  escalate: "a person decides, with Reflex's recommendation attached",
  forbidden: "never done, not even on approval through Reflex",
  shadow: "rehearsal: records what autonomous would have done, does nothing",
};

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-500";

export function cellTitle(target: TCellTarget): string {
  return target.kind === "default" ? "Edit the default rule" : `Edit ${ACTION_LABELS[target.action]} on ${target.label}`;
}

/** Edits one cell; Apply checks it with the same rules the server applies and keeps it in the draft (Save stores it). */
export function CellDialog({ target, cell, open, onApply, onClose }: { target: TCellTarget; cell: TPolicyCell; open: boolean; onApply: (cell: TPolicyCell | null) => void; onClose: () => void }) {
  const [mode, setMode] = useState(cell.mode);
  const [minConfidence, setMinConfidence] = useState(String(cell.minConfidence));
  const [maxBlastRadius, setMaxBlastRadius] = useState(String(cell.maxBlastRadius));
  const [ttl, setTtl] = useState(ttlText(cell.ttlSeconds));
  const [requireContext, setRequireContext] = useState(cell.requireContext);
  const [allowIrreversible, setAllowIrreversible] = useState(cell.allowIrreversible);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const irreversible = target.kind === "rule" && IRREVERSIBLE_ACTIONS.includes(target.action);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const duration = parseDuration(ttl);
    const next: TPolicyCell = {
      mode,
      minConfidence: minConfidence.trim() === "" ? Number.NaN : Number(minConfidence),
      maxBlastRadius: maxBlastRadius.trim() === "" ? Number.NaN : Number(maxBlastRadius),
      ttlSeconds: duration.ok ? duration.value : 0,
      requireContext,
      allowIrreversible,
    };
    const parsed = target.kind === "rule" ? ZEditablePolicyRule.safeParse({ ...next, action: target.action, assetClass: target.assetClass }) : ZEditablePolicyCell.safeParse(next);
    const found: Record<string, string> = {};
    if (!parsed.success) for (const issue of parsed.error.issues) found[String(issue.path[0] ?? "_form")] ??= issue.message;
    if (!duration.ok) found.ttlSeconds = duration.error;
    setErrors(found);
    if (Object.keys(found).length === 0) onApply(next);
  }

  const error = (field: string) =>
    errors[field] ? (
      <p id={`cell-${field}-error`} className="mt-1 text-sm text-red-700">
        {errors[field]}
      </p>
    ) : null;
  const invalid = (field: string) => ({ "aria-invalid": Boolean(errors[field]), "aria-describedby": errors[field] ? `cell-${field}-error` : undefined });

  return (
    <Dialog open={open} onClose={onClose} title={cellTitle(target)}>
      <form onSubmit={onSubmit} className="space-y-3" noValidate>
        <div>
          <label htmlFor="cell-mode" className="block text-sm font-medium text-slate-700">
            Mode
          </label>
          <select id="cell-mode" value={mode} onChange={(e) => setMode(e.target.value as TPolicyCell["mode"])} className={input} {...invalid("mode")}>
            {POLICY_MODES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
          <p className="mt-1 text-xs text-slate-500">{MODE_HELP[mode]}</p>
          {error("mode")}
        </div>
        <div className="grid grid-cols-3 gap-3">
          <div>
            <label htmlFor="cell-confidence" className="block text-sm font-medium text-slate-700">
              Minimum confidence
            </label>
            <input id="cell-confidence" type="number" inputMode="decimal" step="0.01" min={0} max={1} value={minConfidence} onChange={(e) => setMinConfidence(e.target.value)} className={input} {...invalid("minConfidence")} />
            {error("minConfidence")}
          </div>
          <div>
            <label htmlFor="cell-blast" className="block text-sm font-medium text-slate-700">
              Maximum blast radius
            </label>
            <input id="cell-blast" type="number" inputMode="numeric" step="1" min={0} value={maxBlastRadius} onChange={(e) => setMaxBlastRadius(e.target.value)} className={input} {...invalid("maxBlastRadius")} />
            {error("maxBlastRadius")}
          </div>
          <div>
            <label htmlFor="cell-ttl" className="block text-sm font-medium text-slate-700">
              TTL
            </label>
            <input id="cell-ttl" value={ttl} onChange={(e) => setTtl(e.target.value)} placeholder="4h" className={input} {...invalid("ttlSeconds")} />
            {error("ttlSeconds") ?? <p className="mt-1 text-xs text-slate-500">e.g. 30m, 4h, 1d</p>}
          </div>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={requireContext} onChange={(e) => setRequireContext(e.target.checked)} /> Require a clear context check
        </label>
        <div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={allowIrreversible} onChange={(e) => setAllowIrreversible(e.target.checked)} {...invalid("allowIrreversible")} /> Allow irreversible
            {irreversible ? " (this action cannot be undone)" : " actions (only matters if a playbook proposes one)"}
          </label>
          {error("allowIrreversible")}
        </div>
        {error("_form")}
        <div className="flex flex-wrap justify-end gap-2 pt-2">
          {target.kind === "rule" && target.written && (
            <Button variant="ghost" className="mr-auto" onClick={() => onApply(null)}>
              Use the default rule instead
            </Button>
          )}
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit">Apply</Button>
        </div>
      </form>
    </Dialog>
  );
}
