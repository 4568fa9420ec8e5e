"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { closeCampaignAction } from "@/app/(console)/campaigns/actions";
import { fieldsOf, unwrap } from "@/components/policy/action-result";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/form-field";

/** Closing withdraws the campaign for good, so it asks for a reason and a confirmation. */
export function CloseCampaignButton({ campaignId, name }: { campaignId: string; name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const closeCampaign = useMutation({
    mutationFn: () => unwrap(closeCampaignAction({ campaignId, reason })),
    onSuccess: () => {
      close();
      router.refresh();
    },
  });
  const reasonError = fieldsOf(closeCampaign.error).reason?.[0];

  function close() {
    setOpen(false);
    setReason("");
    closeCampaign.reset();
  }

  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Close campaign
      </Button>
      <ConfirmDialog
        open={open}
        onClose={close}
        title={`Close "${name}"?`}
        onConfirm={() => closeCampaign.mutate()}
        pending={closeCampaign.isPending}
        confirmLabel="Close campaign"
        variant="danger"
        error={reasonError ? undefined : closeCampaign.error?.message}
      >
        <p className="text-sm text-slate-700">
          Reminders stop, owners no longer see the campaign, and decisions stop citing its deadline. Registrations made under it keep protecting until they expire.
        </p>
        <TextField id="close-reason" label="Reason" value={reason} onChange={setReason} error={reasonError} />
      </ConfirmDialog>
    </>
  );
}
