import { changedCellKeys, diffPolicies } from "@/lib/domain/policy-diff";
import { cellKey, effectiveCell } from "@/lib/domain/policy-grid";
import type { TPolicyDocument } from "@/lib/domain/types";
import { CellSummary } from "./cell-summary";
import { GridFrame } from "./grid-frame";

import type { TGridColumn } from "./grid-frame";

/**
 * The policy as a read-only grid: actions down, asset classes across. With `before`,
 * changed cells are highlighted and show what they were, struck through.
 */
export function PolicyGrid({ document, columns, before, caption }: { document: TPolicyDocument; columns: TGridColumn[]; before?: TPolicyDocument; caption: string }) {
  const changedKeys = before ? changedCellKeys(diffPolicies(before, document)) : new Set<string>();
  return (
    <GridFrame
      caption={caption}
      columns={columns}
      cell={(action, c) => {
        const now = effectiveCell(document, action, c.key);
        const was = before ? effectiveCell(before, action, c.key) : null;
        const changed = changedKeys.has(cellKey(action, c.key));
        return (
          <td
            key={c.key}
            data-cell={cellKey(action, c.key)}
            data-changed={changed ? "true" : undefined}
            className={`px-2 py-2 align-top ${changed ? "bg-amber-50 ring-2 ring-inset ring-amber-400" : ""}`}
          >
            {changed && was && (
              <span className="mb-1 block line-through decoration-slate-400" aria-label="before">
                <CellSummary cell={was.cell} inherited={!was.written} />
              </span>
            )}
            <CellSummary cell={now.cell} inherited={!now.written} />
          </td>
        );
      }}
    />
  );
}
