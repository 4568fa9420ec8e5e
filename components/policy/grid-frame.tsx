import type { ReactNode } from "react";
import { ACTION_LABELS, ACTION_TYPES, type TActionType } from "@/lib/domain/types";

export type TGridColumn = { key: string; label: string };

/** The policy grid's frame, actions down and asset classes across; each caller draws the cells. */
export function GridFrame({ caption, columns, cell }: { caption: string; columns: TGridColumn[]; cell: (action: TActionType, column: TGridColumn) => ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="px-2 py-2 text-left font-semibold text-slate-700">
              Action
            </th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className="px-2 py-2 text-left font-semibold text-slate-700">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ACTION_TYPES.map((action) => (
            <tr key={action} className="border-t border-slate-100">
              <th scope="row" className="whitespace-nowrap px-2 py-2 text-left font-medium text-slate-800">
                {ACTION_LABELS[action]}
              </th>
              {columns.map((column) => cell(action, column))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
