"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { liftHoldAction } from "@/app/(console)/holds/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

export function LiftHoldButton({ holdId, entity }: { holdId: string; entity: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const lift = useMutation({
    mutationFn: async () => {
      const result = await liftHoldAction({ holdId, reason });
      if (!result.ok) throw Object.assign(new Error(result.message), { fields: result.fieldErrors });
      return result.data;
    },
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  const fieldError = (lift.error as (Error & { fields?: Record<string, string[]> }) | null)?.fields?.reason?.[0];
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    lift.mutate();
  }
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} aria-label={`Lift the hold on ${entity}`}>
        Lift
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Lift the hold on ${entity}?`}>
        <form onSubmit={onSubmit} className="space-y-4">
          <p className="text-sm text-slate-600">The next decision about {entity} may contain it again under the signed policy.</p>
          <div>
            <label htmlFor={`lift-reason-${holdId}`} className="block text-sm font-medium text-slate-700">
              Reason
            </label>
            <input id={`lift-reason-${holdId}`} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={Boolean(fieldError)} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
            {fieldError && <p className="mt-1 text-sm text-red-700">{fieldError}</p>}
          </div>
          {lift.isError && !fieldError && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {lift.error.message}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={lift.isPending}>
              Lift now
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
