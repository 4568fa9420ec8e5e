"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { setKillSwitchAction } from "@/app/(console)/policy/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/form-field";
import { fieldsOf, unwrap } from "./action-result";

export function KillSwitchControl({ engaged }: { engaged: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const toggle = useMutation({
    mutationFn: () => unwrap(setKillSwitchAction({ engaged: !engaged, reason })),
    onSuccess: () => {
      close();
      router.refresh();
    },
  });
  const reasonError = fieldsOf(toggle.error).reason?.[0];
  const verb = engaged ? "Disengage" : "Engage";

  function close() {
    setOpen(false);
    setReason("");
    toggle.reset();
  }

  return (
    <>
      <Button variant={engaged ? "secondary" : "danger"} onClick={() => setOpen(true)}>
        {verb} kill switch
      </Button>
      <ConfirmDialog
        open={open}
        onClose={close}
        title={`${verb} the kill switch?`}
        onConfirm={() => toggle.mutate()}
        pending={toggle.isPending}
        confirmLabel={`${verb} now`}
        pendingLabel="Saving…"
        variant={engaged ? "primary" : "danger"}
        error={reasonError ? undefined : toggle.error?.message}
      >
        <p className="text-sm text-slate-600">
          {engaged
            ? "Autonomous execution resumes under the signed policy."
            : "Every decision escalates to a human until you disengage it. Containments already in force stay in force."}
        </p>
        <TextField id="kill-switch-reason" label="Reason (goes in the audit log)" value={reason} onChange={setReason} error={reasonError} required />
      </ConfirmDialog>
    </>
  );
}
