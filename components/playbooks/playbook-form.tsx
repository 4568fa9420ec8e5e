"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { updatePlaybookAction } from "@/app/(console)/policy/playbooks/actions";
import { Button } from "@/components/ui/button";
import type { TPlaybookListItem } from "@/lib/server/playbooks/list-playbooks";

export function PlaybookForm({ playbook, editable }: { playbook: TPlaybookListItem; editable: boolean }) {
  const router = useRouter();
  const [params, setParams] = useState<Record<string, unknown>>(playbook.params);
  const [enabled, setEnabled] = useState(playbook.enabled);
  const save = useMutation({
    mutationFn: async () => {
      const result = await updatePlaybookAction({ key: playbook.key, params, enabled, expectedVersion: playbook.version });
      if (!result.ok) throw Object.assign(new Error(result.message), { fields: result.fieldErrors });
      return result.data;
    },
    onSuccess: () => router.refresh(),
  });
  const fields = (save.error as (Error & { fields?: Record<string, string[]> }) | null)?.fields ?? {};

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label={`${playbook.name} parameters`}>
      <fieldset disabled={!editable} className="space-y-3">
        {playbook.fields.map((f) => {
          const id = `${playbook.key}-${f.name}`;
          return (
            <div key={f.name}>
              <label htmlFor={id} className="block text-sm font-medium text-slate-700">
                {f.label}
              </label>
              {f.type === "enum" ? (
                <select id={id} value={String(params[f.name] ?? "")} onChange={(e) => setParams({ ...params, [f.name]: e.target.value })} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm">
                  {f.options.map((o) => (
                    <option key={o} value={o}>
                      {o.replaceAll("_", " ")}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={id}
                  type="number"
                  step={f.type === "integer" ? 1 : "any"}
                  min={f.min ?? undefined}
                  max={f.max ?? undefined}
                  value={String(params[f.name] ?? "")}
                  onChange={(e) => setParams({ ...params, [f.name]: e.target.value === "" ? undefined : Number(e.target.value) })}
                  aria-invalid={Boolean(fields[f.name])}
                  className="mt-1 block w-40 rounded-md border border-slate-300 px-3 py-2 text-sm"
                />
              )}
              {fields[f.name] && <p className="mt-1 text-sm text-red-700">{fields[f.name]!.join(" ")}</p>}
            </div>
          );
        })}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Enabled (a disabled playbook acts on nothing; its alerts are kept for context)
        </label>
      </fieldset>
      {save.isError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {save.error.message}
        </p>
      )}
      {save.isSuccess && (
        <p role="status" className="text-sm text-emerald-700">
          Saved as version {save.data.version}.
        </p>
      )}
      {editable && (
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save as a new version"}
        </Button>
      )}
    </form>
  );
}
