"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type ChangeEvent } from "react";
import { importRegistrationsAction } from "@/app/(console)/assets/actions";
import { fieldsOf, unwrap } from "@/components/policy/action-result";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { describedBy, FormField, INPUT_CLASS } from "@/components/ui/form-field";
import { Table, Td } from "@/components/ui/table";

type TMode = "preview" | "all" | "valid-only";

/** Pick a file, see every row's problems, then import all of it, or only the valid rows. */
export function ImportPanel() {
  const [csv, setCsv] = useState("");
  const [fileName, setFileName] = useState("");
  const run = useMutation({ mutationFn: (mode: TMode) => unwrap(importRegistrationsAction({ csv, mode })) });
  const result = run.data;
  const fileError = fieldsOf(run.error).csv?.[0];

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setFileName(file?.name ?? "");
    setCsv(file ? await file.text() : "");
    run.reset();
  }

  return (
    <div className="space-y-6">
      <FormField id="import-file" label="CSV file" hint="UTF-8, first line the column names. The export is a template: its columns import back unchanged." error={fileError}>
        <input id="import-file" type="file" accept=".csv,text/csv" onChange={onFile} className={INPUT_CLASS} {...describedBy("import-file", fileError, true)} />
      </FormField>
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => run.mutate("preview")} disabled={!csv || run.isPending}>
          {run.isPending && run.variables === "preview" ? "Checking…" : "Preview import"}
        </Button>
      </div>
      {run.isError && !fileError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {run.error.message}
        </p>
      )}
      {result && (
        <section aria-label="Import preview" className="space-y-4">
          <p role="status" className="text-sm text-slate-800">
            {result.written > 0
              ? `Imported ${result.written} registration${result.written === 1 ? "" : "s"} from ${fileName || "the file"}.${result.invalid > 0 ? ` ${result.invalid} row${result.invalid === 1 ? " was" : "s were"} left out.` : ""}`
              : `${result.valid} of ${result.rows.length} rows are valid${result.invalid > 0 ? `; ${result.invalid} need fixing. Nothing has been written.` : ". Nothing has been written yet."}`}
          </p>
          {result.written > 0 ? (
            <Link href="/assets" className="text-sm font-medium text-indigo-700 underline">
              Back to the protected list
            </Link>
          ) : (
            <div className="flex flex-wrap gap-2">
              <Button onClick={() => run.mutate("all")} disabled={run.isPending || result.invalid > 0} title={result.invalid > 0 ? "Fix the rows with errors first, or import only the valid rows" : undefined}>
                Import all {result.rows.length} rows
              </Button>
              {result.invalid > 0 && result.valid > 0 && (
                <Button variant="secondary" onClick={() => run.mutate("valid-only")} disabled={run.isPending}>
                  Import valid rows only ({result.valid})
                </Button>
              )}
            </div>
          )}
          <Table caption="Rows of the file" head={["Line", "Selector", "Owner", "Result"]}>
            {result.rows.map((row) => {
              const problems = Object.entries(row.errors);
              return (
                <tr key={row.line}>
                  <Td>{row.line}</Td>
                  <Td mono>{row.label || "—"}</Td>
                  <Td>{row.owner ?? "—"}</Td>
                  <td className="px-3 py-2 align-top text-sm">
                    {problems.length === 0 ? (
                      <Badge tone="green">{result.written > 0 ? "imported" : "valid"}</Badge>
                    ) : (
                      <ul className="space-y-0.5 text-red-800">
                        {problems.map(([column, messages]) => (
                          <li key={column}>
                            <span className="font-mono text-xs">{column}</span>: {messages.join("; ")}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </Table>
        </section>
      )}
    </div>
  );
}
