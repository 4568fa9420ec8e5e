"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { updateDetectorAction } from "@/app/(console)/policy/playbooks/actions";
import { Button } from "@/components/ui/button";

type TSettings = { enabled: boolean; threshold: number; windowSeconds: number };

export function DetectorForm({ initial, editable }: { initial: TSettings; editable: boolean }) {
  const router = useRouter();
  const [settings, setSettings] = useState(initial);
  const save = useMutation({
    mutationFn: async () => {
      const result = await updateDetectorAction(settings);
      if (!result.ok) throw Object.assign(new Error(result.message), { fields: result.fieldErrors });
      return result.data;
    },
    onSuccess: () => router.refresh(),
  });
  const fields = (save.error as (Error & { fields?: Record<string, string[]> }) | null)?.fields ?? {};
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label="SSH brute-force detector">
      <fieldset disabled={!editable} className="space-y-3">
        <div>
          <label htmlFor="detector-threshold" className="block text-sm font-medium text-slate-700">
            Failed logins from one source (N)
          </label>
          <input id="detector-threshold" type="number" min={2} value={settings.threshold} onChange={(e) => setSettings({ ...settings, threshold: Number(e.target.value) })} className="mt-1 block w-40 rounded-md border border-slate-300 px-3 py-2 text-sm" aria-invalid={Boolean(fields.threshold)} />
          {fields.threshold && <p className="mt-1 text-sm text-red-700">{fields.threshold.join(" ")}</p>}
        </div>
        <div>
          <label htmlFor="detector-window" className="block text-sm font-medium text-slate-700">
            Within (seconds, T)
          </label>
          <input id="detector-window" type="number" min={10} value={settings.windowSeconds} onChange={(e) => setSettings({ ...settings, windowSeconds: Number(e.target.value) })} className="mt-1 block w-40 rounded-md border border-slate-300 px-3 py-2 text-sm" aria-invalid={Boolean(fields.windowSeconds)} />
          {fields.windowSeconds && <p className="mt-1 text-sm text-red-700">{fields.windowSeconds.join(" ")}</p>}
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={settings.enabled} onChange={(e) => setSettings({ ...settings, enabled: e.target.checked })} /> Detect brute force in ingested sshd events
        </label>
      </fieldset>
      {save.isError && !Object.keys(fields).length && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {save.error.message}
        </p>
      )}
      {save.isSuccess && <p role="status" className="text-sm text-emerald-700">Saved.</p>}
      {editable && (
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save detector"}
        </Button>
      )}
    </form>
  );
}
