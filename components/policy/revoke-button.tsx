"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { revokePolicyAction } from "@/app/(console)/policy/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/form-field";
import { fieldsOf, unwrap } from "./action-result";

/** Revoking is destructive: it asks for a reason and says what happens next before doing it. */
export function RevokeButton({ versionId, version, active }: { versionId: string; version: number; active: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const revoke = useMutation({
    mutationFn: () => unwrap(revokePolicyAction({ versionId, reason })),
    onSuccess: () => {
      close();
      router.refresh();
    },
  });
  const reasonError = fieldsOf(revoke.error).reason?.[0];

  function close() {
    setOpen(false);
    setReason("");
    revoke.reset();
  }

  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        {active ? `Revoke v${version}` : `Revoke draft v${version}`}
      </Button>
      <ConfirmDialog
        open={open}
        onClose={close}
        title={`Revoke policy v${version}?`}
        onConfirm={() => revoke.mutate()}
        pending={revoke.isPending}
        confirmLabel={`Revoke v${version} now`}
        pendingLabel="Revoking…"
        variant="danger"
        error={reasonError ? undefined : revoke.error?.message}
      >
        <p className="text-sm text-slate-700">
          {active
            ? "No policy will be in force: nothing executes on its own and every proposal escalates to a person until a CISO signs a new version. Containments already in force stay until they expire or are released."
            : "The draft can no longer be edited or signed. It stays in the history."}
        </p>
        <TextField id="revoke-reason" label="Reason (goes in the audit log)" value={reason} onChange={setReason} error={reasonError} required />
      </ConfirmDialog>
    </>
  );
}
