"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { revokeTokenAction } from "@/app/(console)/settings/actions";
import { fieldsOf, unwrap } from "@/components/policy/action-result";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/form-field";
import { REVOCATION_EFFECT, type TTokenScope } from "@/lib/auth/permissions";

/** Revoking cuts off whatever uses the token, at once and for good: it says so and asks why first. */
export function RevokeTokenButton({ tokenId, name, scope }: { tokenId: string; name: string; scope: TTokenScope }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const revoke = useMutation({
    mutationFn: () => unwrap(revokeTokenAction({ token: tokenId, reason })),
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
      <Button variant="danger" onClick={() => setOpen(true)} aria-label={`Revoke token ${name}`}>
        Revoke
      </Button>
      <ConfirmDialog
        open={open}
        onClose={close}
        title={`Revoke ${scope} token "${name}"?`}
        onConfirm={() => revoke.mutate()}
        pending={revoke.isPending}
        confirmLabel="Revoke now"
        pendingLabel="Revoking…"
        variant="danger"
        error={reasonError ? undefined : revoke.error?.message}
      >
        <p className="text-sm text-slate-700">
          {REVOCATION_EFFECT[scope]} This cannot be undone: whatever used it needs a new token.
        </p>
        <TextField id={`revoke-token-reason-${tokenId}`} label="Reason (goes in the audit log)" value={reason} onChange={setReason} error={reasonError} required />
      </ConfirmDialog>
    </>
  );
}
