"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { closeCampaignAction } from "@/app/(console)/campaigns/actions";
import { fieldsOf, unwrap } from "@/components/policy/action-result";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

/** Closing withdraws the campaign for good, so it asks for a reason and a confirmation. */
export function CloseCampaignButton({ campaignId, name }: { campaignId: string; name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const close = useMutation({
    mutationFn: () => unwrap(closeCampaignAction({ campaignId, reason })),
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  const error = fieldsOf(close.error).reason?.[0];
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Close campaign
      </Button>
      {open && (
        <Dialog open onClose={() => setOpen(false)} title={`Close "${name}"?`}>
          <div className="space-y-3">
            <p className="text-sm text-slate-700">
              Reminders stop, owners no longer see the campaign, and decisions stop citing its deadline. Registrations made under it keep protecting until they expire.
            </p>
            <label htmlFor="close-reason" className="block text-sm font-medium text-slate-700">
              Reason
            </label>
            <input id="close-reason" value={reason} onChange={(e) => setReason(e.target.value)} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
            {error && <p className="text-sm text-red-700">{error}</p>}
            {close.isError && !error && (
              <p role="alert" className="text-sm text-red-700">
                {close.error.message}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button variant="danger" onClick={() => close.mutate()} disabled={close.isPending}>
                Close campaign
              </Button>
            </div>
          </div>
        </Dialog>
      )}
    </>
  );
}
