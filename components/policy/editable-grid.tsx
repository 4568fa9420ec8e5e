"use client";

import { cellKey, effectiveCell } from "@/lib/domain/policy-grid";
import { ACTION_LABELS, type TActionType, type TPolicyDocument } from "@/lib/domain/types";
import { CellSummary } from "./cell-summary";
import { GridFrame, type TGridColumn } from "./grid-frame";

/**
 * The rules editor's grid: every cell is a button that opens the cell's form, so the grid
 * works from the keyboard (Tab to a cell, Enter to edit). Cells that differ from the
 * active policy are highlighted; cells with a problem show it underneath.
 */
export function EditableGrid({
  document,
  columns,
  changed,
  errors,
  editable,
  onEdit,
}: {
  document: TPolicyDocument;
  columns: TGridColumn[];
  changed: Set<string>;
  errors: Record<string, string[]>;
  editable: boolean;
  onEdit: (action: TActionType, column: TGridColumn) => void;
}) {
  return (
    <GridFrame
      caption="Rules: actions by asset class"
      columns={columns}
      cell={(action, column) => {
        const key = cellKey(action, column.key);
        const { cell, written } = effectiveCell(document, action, column.key);
        const problems = errors[key] ?? [];
        const isChanged = changed.has(key);
        const name = `Edit ${ACTION_LABELS[action]} on ${column.label}`;
        return (
          <td key={column.key} data-cell={key} data-changed={isChanged ? "true" : undefined} className={`px-1 py-1 align-top ${isChanged ? "bg-amber-50" : ""}`}>
            <button
              type="button"
              aria-label={name}
              aria-describedby={problems.length > 0 ? `cell-error-${key}` : undefined}
              disabled={!editable}
              onClick={() => onEdit(action, column)}
              className={`w-full rounded-md px-2 py-1.5 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:cursor-default disabled:hover:bg-transparent ${
                problems.length > 0 ? "ring-2 ring-red-500" : isChanged ? "ring-2 ring-amber-400" : ""
              }`}
            >
              <CellSummary cell={cell} inherited={!written} />
            </button>
            {problems.length > 0 && (
              <p id={`cell-error-${key}`} className="mt-1 max-w-48 text-xs text-red-700">
                {problems.join(" ")}
              </p>
            )}
          </td>
        );
      }}
    />
  );
}
