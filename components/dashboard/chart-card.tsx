import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td } from "@/components/ui/table";
import type { TTableData } from "@/lib/domain/dashboard-tables";

/**
 * A chart with its table alternative (the same rows, in a disclosure a keyboard or screen
 * reader opens like any other) and the CSV of that table.
 */
export function ChartCard({ table, csvHref, description, empty, children }: { table: TTableData; csvHref: string; description?: ReactNode; empty?: string | null; children: ReactNode }) {
  return (
    <Card
      title={table.title}
      description={description}
      actions={
        <a href={csvHref} className="whitespace-nowrap text-sm font-semibold text-indigo-700 hover:underline" download>
          CSV<span className="sr-only"> of {table.title}</span>
        </a>
      }
    >
      {empty ? (
        <EmptyState title={empty} />
      ) : (
        <>
          {children}
          <DataTable table={table} summary="Show as a table" />
        </>
      )}
    </Card>
  );
}

export function DataTable({ table, summary }: { table: TTableData; summary?: string }) {
  const body = (
    <Table caption={table.title} head={table.head}>
      {table.rows.map((row, i) => (
        <tr key={i}>
          {row.map((cell, j) => (
            <Td key={j}>{cell}</Td>
          ))}
        </tr>
      ))}
    </Table>
  );
  if (!summary) return body;
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer font-medium text-indigo-700">
        {summary}
        <span className="sr-only">: {table.title}</span>
      </summary>
      <div className="mt-2">{body}</div>
    </details>
  );
}
