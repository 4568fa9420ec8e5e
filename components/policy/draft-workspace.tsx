"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { saveDraftAction } from "@/app/(console)/policy/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { autonomyShift, changedCellKeys, diffPolicies } from "@/lib/domain/policy-diff";
import { effectiveCell, withCell } from "@/lib/domain/policy-grid";
import { ZEditablePolicyDocument } from "@/lib/domain/policy-schema";
import { policySigningProblems } from "@/lib/domain/policy-signing-checks";
import { labelLookup } from "@/lib/domain/policy-wording";
import { FAIL_MODES, type TActionType, type TFailMode, type TPolicyCell, type TPolicyDocument } from "@/lib/domain/types";
import { fieldsOf, unwrap } from "./action-result";
import { BacktestPanel } from "./backtest-panel";
import { useDialogSlot } from "@/components/ui/use-dialog-slot";
import { CellDialog, type TCellTarget } from "./cell-dialog";
import { errorsByPlace } from "./cell-errors";
import { ChangeList } from "./change-list";
import { CellSummary } from "./cell-summary";
import { EditableGrid } from "./editable-grid";
import type { TGridColumn } from "./grid-frame";
import { SignSection } from "./sign-section";

export type TDraftWorkspaceProps = {
  id: string;
  version: number;
  editVersion: number;
  document: TPolicyDocument;
  columns: TGridColumn[];
  active: { version: number; document: TPolicyDocument } | null;
  canEdit: boolean;
  canSign: boolean;
  hasPassword: boolean;
  lastBacktest: string | null;
};

function zodErrors(document: TPolicyDocument): Record<string, string[]> {
  const parsed = ZEditablePolicyDocument.safeParse(document);
  if (parsed.success) return {};
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fields[issue.path.join(".") || "_form"] ??= []).push(issue.message);
  return errorsByPlace(fields, document);
}

/** Editing a draft: the grid, the settings, the live diff against the active policy, backtest and signing. */
export function DraftWorkspace(props: TDraftWorkspaceProps) {
  const router = useRouter();
  const [saved, setSaved] = useState({ document: props.document, editVersion: props.editVersion });
  const [document, setDocument] = useState(props.document);
  // The cell dialog stays mounted, so that focus goes back to the grid cell that opened it.
  const cellDialog = useDialogSlot<{ target: TCellTarget; cell: TPolicyCell }>();
  const [shownErrors, setShownErrors] = useState<Record<string, string[]>>({});
  const labelOf = useMemo(() => labelLookup(props.columns), [props.columns]);
  const dirty = JSON.stringify(document) !== JSON.stringify(saved.document);
  const baseline = props.active?.document ?? null;
  const changes = useMemo(() => (baseline ? diffPolicies(baseline, document, labelOf) : []), [baseline, document, labelOf]);
  const changedKeys = useMemo(() => changedCellKeys(changes), [changes]);
  // Shown for the document as edited; signing needs it saved first, so the dialog sees the same.
  const problems = useMemo(() => policySigningProblems(document, { assetClasses: props.columns.map((c) => c.key), labelOf }), [document, props.columns, labelOf]);
  const shift = useMemo(() => autonomyShift(baseline, document, labelOf), [baseline, document, labelOf]);

  const save = useMutation({
    mutationFn: async () => {
      const local = zodErrors(document);
      if (Object.keys(local).length > 0) {
        setShownErrors(local);
        throw new Error("Some cells need fixing: see the messages on them.");
      }
      return unwrap(saveDraftAction({ versionId: props.id, expectedEditVersion: saved.editVersion, document }));
    },
    onSuccess: (result) => {
      setShownErrors({});
      setSaved({ document: result.document, editVersion: result.editVersion });
      setDocument(result.document);
      router.refresh();
    },
    onError: (error) => {
      const fields = fieldsOf(error);
      if (Object.keys(fields).length > 0) setShownErrors(errorsByPlace(fields, document));
    },
  });

  function edit(action: TActionType, column: TGridColumn) {
    const { cell, written } = effectiveCell(document, action, column.key);
    cellDialog.show({ target: { kind: "rule", action, assetClass: column.key, label: column.label, written }, cell });
  }

  function apply(cell: TPolicyCell | null) {
    if (!cellDialog.shown) return;
    const { target } = cellDialog.shown.value;
    if (target.kind === "default") setDocument({ ...document, defaultRule: cell ?? document.defaultRule });
    else setDocument(withCell(document, target.action, target.assetClass, cell));
    cellDialog.hide();
  }

  const general = (field: string) => shownErrors[field]?.join(" ");

  return (
    <div className="space-y-6">
      <Card
        title={`Draft v${props.version}`}
        description={dirty ? "Unsaved changes: save them before backtesting or signing." : `Saved · edit ${saved.editVersion}. A draft changes nothing until a CISO signs it.`}
        actions={
          props.canEdit ? (
            <Button onClick={() => save.mutate()} disabled={!dirty || save.isPending}>
              {save.isPending ? "Saving…" : "Save draft"}
            </Button>
          ) : undefined
        }
      >
        {save.isError && (
          <div role="alert" className="mb-3 flex items-center justify-between gap-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            <span>{save.error.message}</span>
            {(save.error as { code?: string }).code === "CONFLICT" && (
              <Button variant="secondary" onClick={() => window.location.reload()}>
                Reload
              </Button>
            )}
          </div>
        )}
        {save.isSuccess && !dirty && (
          <p role="status" className="mb-3 text-sm text-emerald-700">
            Saved as edit {saved.editVersion}.
          </p>
        )}
        <h3 className="mb-2 text-sm font-semibold text-slate-900">{props.active ? `Changes compared with the active policy v${props.active.version}` : "No policy is active: everything this draft allows is new"}</h3>
        <ChangeList changes={changes} empty={props.active ? `No differences from v${props.active.version} yet.` : "—"} label="Changes from the active policy" />
      </Card>

      <Card title="Rules" description="Action by asset class. Highlighted cells differ from the active policy; faded ones follow the default rule. Select a cell to edit it.">
        <EditableGrid document={document} columns={props.columns} changed={changedKeys} errors={shownErrors} editable={props.canEdit} onEdit={edit} />
      </Card>

      <Card title="Default rule and settings">
        <fieldset disabled={!props.canEdit} className="grid gap-4 md:grid-cols-2">
          <div>
            <p className="text-sm font-medium text-slate-700">Default rule (anything without a cell, such as unregistered assets)</p>
            <button
              type="button"
              aria-label="Edit the default rule"
              onClick={() => cellDialog.show({ target: { kind: "default" }, cell: document.defaultRule })}
              className={`mt-1 rounded-md px-2 py-1.5 text-left ring-1 ring-slate-200 hover:bg-slate-100 ${shownErrors.defaultRule ? "ring-2 ring-red-500" : ""}`}
            >
              <CellSummary cell={document.defaultRule} />
            </button>
            {shownErrors.defaultRule && <p className="mt-1 text-sm text-red-700">{shownErrors.defaultRule.join(" ")}</p>}
          </div>
          <div>
            <label htmlFor="policy-fail-mode" className="block text-sm font-medium text-slate-700">
              Fail mode when context sources are down
            </label>
            <select id="policy-fail-mode" value={document.failMode} onChange={(e) => setDocument({ ...document, failMode: e.target.value as TFailMode })} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm">
              {FAIL_MODES.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
            {general("failMode") && <p className="mt-1 text-sm text-red-700">{general("failMode")}</p>}
          </div>
          <div>
            <label htmlFor="policy-sla" className="block text-sm font-medium text-slate-700">
              Escalation SLA (minutes)
            </label>
            <input
              id="policy-sla"
              type="number"
              min={1}
              step={1}
              value={Number.isNaN(document.escalationSlaMinutes) ? "" : document.escalationSlaMinutes}
              onChange={(e) => setDocument({ ...document, escalationSlaMinutes: e.target.value === "" ? Number.NaN : Number(e.target.value) })}
              aria-invalid={Boolean(general("escalationSlaMinutes"))}
              className="mt-1 block w-40 rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
            {general("escalationSlaMinutes") && <p className="mt-1 text-sm text-red-700">{general("escalationSlaMinutes")}</p>}
          </div>
          <div className="md:col-span-2">
            <label htmlFor="policy-rationale" className="block text-sm font-medium text-slate-700">
              Rationale (signed with the policy)
            </label>
            <textarea id="policy-rationale" rows={4} value={document.rationale} onChange={(e) => setDocument({ ...document, rationale: e.target.value })} aria-invalid={Boolean(general("rationale"))} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
            {general("rationale") && <p className="mt-1 text-sm text-red-700">{general("rationale")}</p>}
          </div>
        </fieldset>
        {shownErrors._form && <p className="mt-2 text-sm text-red-700">{shownErrors._form.join(" ")}</p>}
      </Card>

      {props.canEdit && (
        <Card title="Backtest" description="Replays the decisions recorded over a window with this draft and with the active policy, through the same decision function as live traffic. Nothing is contained.">
          <BacktestPanel versionId={props.id} version={props.version} disabled={dirty} lastBacktest={props.lastBacktest} />
        </Card>
      )}

      <SignSection
        versionId={props.id}
        version={props.version}
        editVersion={saved.editVersion}
        activeVersion={props.active?.version ?? null}
        shift={shift}
        changeCount={baseline ? changes.length : null}
        problems={problems}
        dirty={dirty}
        canSign={props.canSign}
        hasPassword={props.hasPassword}
        lastBacktest={props.lastBacktest}
      />

      {cellDialog.shown && (
        <CellDialog key={cellDialog.shown.opening} {...cellDialog.shown.value} open={cellDialog.shown.open} onApply={apply} onClose={cellDialog.hide} />
      )}
    </div>
  );
}
