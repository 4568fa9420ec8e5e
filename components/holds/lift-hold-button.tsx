"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { liftHoldAction } from "@/app/(console)/holds/actions";
import { fieldsOf, unwrap } from "@/components/policy/action-result";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/form-field";

export function LiftHoldButton({ holdId, entity }: { holdId: string; entity: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const lift = useMutation({
    mutationFn: () => unwrap(liftHoldAction({ holdId, reason })),
    onSuccess: () => {
      close();
      router.refresh();
    },
  });
  const reasonError = fieldsOf(lift.error).reason?.[0];

  function close() {
    setOpen(false);
    setReason("");
    lift.reset();
  }

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} aria-label={`Lift the hold on ${entity}`}>
        Lift
      </Button>
      <ConfirmDialog
        open={open}
        onClose={close}
        title={`Lift the hold on ${entity}?`}
        onConfirm={() => lift.mutate()}
        pending={lift.isPending}
        confirmLabel="Lift now"
        variant="danger"
        error={reasonError ? undefined : lift.error?.message}
      >
        <p className="text-sm text-slate-600">The next decision about {entity} may contain it again under the signed policy.</p>
        <TextField id={`lift-reason-${holdId}`} label="Reason" value={reason} onChange={setReason} error={reasonError} />
      </ConfirmDialog>
    </>
  );
}
