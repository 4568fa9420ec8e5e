"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { setKillSwitchAction } from "@/app/(console)/policy/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

export function KillSwitchControl({ engaged }: { engaged: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const toggle = useMutation({
    mutationFn: async () => {
      const result = await setKillSwitchAction({ engaged: !engaged, reason });
      if (!result.ok) throw Object.assign(new Error(result.message), { fields: result.fieldErrors });
      return result.data;
    },
    onSuccess: () => {
      setOpen(false);
      setReason("");
      router.refresh();
    },
  });
  const fieldError = (toggle.error as (Error & { fields?: Record<string, string[]> }) | null)?.fields?.reason?.[0];
  const verb = engaged ? "Disengage" : "Engage";

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    toggle.mutate();
  }

  return (
    <>
      <Button variant={engaged ? "secondary" : "danger"} onClick={() => setOpen(true)}>
        {verb} kill switch
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`${verb} the kill switch?`}>
        <form onSubmit={onSubmit} className="space-y-4">
          <p className="text-sm text-slate-600">
            {engaged
              ? "Autonomous execution resumes under the signed policy."
              : "Every decision escalates to a human until you disengage it. Containments already in force stay in force."}
          </p>
          <div>
            <label htmlFor="kill-switch-reason" className="block text-sm font-medium text-slate-700">
              Reason (goes in the audit log)
            </label>
            <input id="kill-switch-reason" value={reason} onChange={(e) => setReason(e.target.value)} required className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" aria-invalid={Boolean(fieldError)} />
            {fieldError && <p className="mt-1 text-sm text-red-700">{fieldError}</p>}
          </div>
          {toggle.isError && !fieldError && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {toggle.error.message}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant={engaged ? "primary" : "danger"} disabled={toggle.isPending}>
              {toggle.isPending ? "Saving…" : `${verb} now`}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
